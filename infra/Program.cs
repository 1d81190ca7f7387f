using Amazon.CDK;
using CrmMail.Infra;

var app = new App();
StackSettings settings;
try
{
    settings = StackSettings.FromContext(app.Node);
}
catch (ArgumentException exception)
{
    // A bad context value is the operator's to fix: one line, no stack trace.
    await Console.Error.WriteLineAsync("crm-mail synth: " + exception.Message);
    return 1;
}

_ = new CrmMailStack(app, settings.StackName, settings, new StackProps
{
    Description = $"CRM Mail Lambdas ({settings.Stage}): send-mail with signed report links and the unsubscribe life cycle",
    // Account and region from the CDK environment (the CLI's profile, or CDK_DEPLOY_* / AWS_* variables).
    Env = new Amazon.CDK.Environment
    {
        Account = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT"),
        Region = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_REGION"),
    },
});
app.Synth();
return 0;
