using Amazon.CDK;
using CrmMail.Infra;

var app = new App();
var settings = StackSettings.FromContext(app.Node);
_ = new CrmMailStack(app, settings.StackName, settings, new StackProps
{
    Description = "CRM Mail Lambdas: send-mail with signed report links and the unsubscribe life cycle",
});
app.Synth();
