#!/usr/bin/env node
// Runs cdk-nag's AwsSolutions rule pack over a synthesized CloudFormation template.
// Usage: node tools/nag/nag.js <template.json>
// The template is included with CfnInclude, which keeps each resource's Metadata, so the
// `cdk_nag` suppressions written next to the resources in infra/ (see infra/Nag.cs) apply.
// Prints every unsuppressed error and warning and exits 1 if there is any; 2 on bad usage.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { App, Aspects, DefaultStackSynthesizer, Stack } = require('aws-cdk-lib');
const { CfnInclude } = require('aws-cdk-lib/cloudformation-include');
const { AwsSolutionsChecks } = require('cdk-nag');

const templateFile = process.argv[2];
if (!templateFile || !fs.existsSync(templateFile)) {
  console.error('usage: node tools/nag/nag.js <template.json>');
  process.exit(2);
}

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-nag-'));
try {
  const app = new App({ outdir });
  // The included template already carries the bootstrap-version parameter and rule.
  const stack = new Stack(app, 'Nag', { synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }) });
  new CfnInclude(stack, 'Template', { templateFile: path.resolve(templateFile) });
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  app.synth();

  const findings = [];
  for (const construct of stack.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type === 'aws:cdk:error' || entry.type === 'aws:cdk:warning') {
        const level = entry.type === 'aws:cdk:error' ? 'error' : 'warning';
        findings.push(`${level} ${construct.node.path}: ${entry.data}`);
      }
    }
  }

  for (const finding of findings) {
    console.log(finding);
  }
  console.log(`cdk-nag AwsSolutions: ${findings.length} unsuppressed finding(s)`);
  process.exitCode = findings.length === 0 ? 0 : 1;
} finally {
  fs.rmSync(outdir, { recursive: true, force: true });
}
