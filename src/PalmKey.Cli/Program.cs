using PalmKey.Cli;

return CommandLineErrors.Invoke(CliApp.CreateRoot(), args);
