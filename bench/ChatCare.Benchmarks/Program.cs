using BenchmarkDotNet.Running;

// `dotnet run -c Release -- --filter '*'` runs everything; see bench/README.md.
BenchmarkSwitcher.FromAssembly(typeof(ChatCare.Benchmarks.TurnBenchmarks).Assembly).Run(args);
