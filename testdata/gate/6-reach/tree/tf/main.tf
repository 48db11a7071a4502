module "outside" {
  source = "../../outside"
}
