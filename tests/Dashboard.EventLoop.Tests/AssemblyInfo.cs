// Timing-shaped tests measure one loop at a time: on two cores, parallel loops would steal each other's CPU.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
