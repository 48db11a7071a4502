{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::${account}:role/app"}, "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}
