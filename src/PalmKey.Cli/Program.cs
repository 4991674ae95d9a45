using System.CommandLine;

var root = new RootCommand("PalmKey: palm recognition from the command line.");
return root.Parse(args).Invoke();
