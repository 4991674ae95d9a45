using PalmKey.Server;

var builder = WebApplication.CreateBuilder(args);
builder.AddPalmKeyServer();
var app = builder.Build();
app.MapPalmKeyServer();
app.Run();

/// <summary>The server's entry point; public so that functional tests can host it.</summary>
public partial class Program;
