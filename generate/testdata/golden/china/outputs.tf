output "secret_arn" {
  description = "ARN of the secret."
  value       = aws_secretsmanager_secret.this.arn
}

output "kms_key_arn" {
  description = "The KMS key that encrypts the secret."
  value       = "arn:aws-cn:kms:cn-north-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
}

output "rotation_lambda_arn" {
  description = "ARN of the rotation function."
  value       = aws_serverlessapplicationrepository_cloudformation_stack.rotation.outputs["RotationLambdaARN"]
}

output "alert_topic_arn" {
  description = "SNS topic that receives the alerts; subscribe to it to receive them."
  value       = aws_sns_topic.rotation_alerts.arn
}
