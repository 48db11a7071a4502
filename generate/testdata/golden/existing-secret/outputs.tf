output "secret_arn" {
  description = "ARN of the secret."
  value       = "arn:aws:secretsmanager:us-east-1:111122223333:secret:legacy/api-key-AbC123"
}

output "alert_topic_arn" {
  description = "SNS topic that receives rotation failure alerts."
  value       = aws_sns_topic.rotation_alerts.arn
}
