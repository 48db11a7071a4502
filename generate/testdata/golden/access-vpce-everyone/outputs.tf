output "secret_arn" {
  description = "ARN of the secret."
  value       = aws_secretsmanager_secret.this.arn
}

output "kms_key_arn" {
  description = "The KMS key that encrypts the secret."
  value       = aws_kms_key.secret.arn
}

output "alert_topic_arn" {
  description = "SNS topic that receives the alerts; subscribe to it to receive them."
  value       = aws_sns_topic.rotation_alerts.arn
}
