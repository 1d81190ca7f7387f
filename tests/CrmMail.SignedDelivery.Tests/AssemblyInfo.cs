// jsii drives one CDK app at a time in a process: the template tests run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
