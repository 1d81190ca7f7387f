using Amazon.CDK;
using CrmMail.SignedDelivery;
using SignedDeliveryExample;

var app = new App();
string Context(string key) => app.Node.TryGetContext(key) as string ?? throw new ArgumentException($"Context '{key}' is required (cdk.json or -c {key}=…).");

_ = new ExampleStack(app, "SignedDeliveryExample", new ExampleStackProps
{
    ApplicationRoleArn = Context("applicationRoleArn"),
    UploadPathPattern = Context("uploadPathPattern"),
    KeyPairHandlerCode = KeyPairHandlerCode.FromProject(Path.GetFullPath(Context("keyPairHandlerProject"))),
    Env = new Amazon.CDK.Environment
    {
        Account = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT"),
        Region = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_REGION"),
    },
});
app.Synth();
