variable "name" {
  type = string
}

variable "days" {
  type = number
}

variable "tags" {
  type = map(string)
}

module "inner" {
  source = "./inner"
  name   = var.name
  days   = var.days
  tags   = var.tags
}

output "arn" {
  value = module.inner.arn
}
