# Provider pins. google 6.x is needed for `replication { auto {} }` (v5+) and for
# `build_config.service_account` on 2nd gen functions. No google-beta: nothing here needs it.
terraform {
  required_version = ">= 1.5.0"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.0"
    }
    archive = {
      source  = "hashicorp/archive"
      version = "~> 2.4"
    }
  }
}
