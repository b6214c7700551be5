"""Runs the fidelity plan with boto3, all steps in this one process; prints one JSON list of results."""
import json
import os
import re
import sys

import boto3
from botocore.exceptions import ClientError

steps = json.load(sys.stdin)
client = boto3.client('codepipeline', endpoint_url=os.environ['ENDPOINT'])
results = []
for step in steps:
    method = getattr(client, re.sub(r'(?<!^)(?=[A-Z])', '_', step['operation']).lower())
    try:
        answer = method(**step['input'])
        answer.pop('ResponseMetadata', None)
        results.append({'name': step['name'], 'outcome': 'ok', 'body': answer})
    except ClientError as error:
        results.append({'name': step['name'], 'outcome': error.response['Error']['Code'], 'errorClass': type(error).__name__})
print(json.dumps(results, default=str))
