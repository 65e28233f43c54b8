using Dashboard.Server.Cli;

return await CommandLineEntry.RunAsync(args);
