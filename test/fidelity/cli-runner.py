"""Runs the fidelity plan with the AWS CLI: one `aws` process per step (the CLI has no batch mode), driven from this one script."""
import json
import os
import re
import subprocess
import sys

steps = json.load(sys.stdin)
results = []
for step in steps:
    command = re.sub(r'(?<!^)(?=[A-Z])', '-', step['operation']).lower()
    done = subprocess.run(
        ['aws', 'codepipeline', command, '--endpoint-url', os.environ['ENDPOINT'], '--cli-input-json', json.dumps(step['input']), '--output', 'json'],
        capture_output=True, text=True,
    )
    if done.returncode == 0:
        results.append({'name': step['name'], 'outcome': 'ok', 'body': json.loads(done.stdout) if done.stdout.strip() else {}})
        continue
    code = re.search(r'An error occurred \(([A-Za-z]+)\)', done.stderr)
    results.append({'name': step['name'], 'outcome': code.group(1) if code else 'unparsed: ' + done.stderr.strip()[-300:], 'errorClass': 'ClientError'})
print(json.dumps(results))
