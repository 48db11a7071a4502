output "secret_arn" {
  description = "ARN of the secret."
  value       = "arn:aws:secretsmanager:us-east-1:111122223333:secret:legacy/api-key-AbC123"
}

output "alert_topic_arn" {
  description = "SNS topic that receives the alerts; subscribe to it to receive them."
  value       = aws_sns_topic.rotation_alerts.arn
}
