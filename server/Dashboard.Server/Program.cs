using Dashboard.Server;

return await DashboardApplication.RunAsync(args);
