# The decoy calls prod as a module that is never made.
module "prod" {
  source = "../prod"
  count  = 0
}
