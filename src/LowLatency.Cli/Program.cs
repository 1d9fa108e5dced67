using LowLatency.Cli;

return new CliApp().Run(args);
