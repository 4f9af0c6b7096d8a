# Provider pins, exact: test/unit/terraform-provider-schema.test.ts checks every argument and
# block here against terraform/provider-schema.json, extracted from these very versions
# (scripts/extract-provider-schema.mjs). Move a pin only with a fresh extract.
#
# google 7.32.0 is the first release that sends `all_traffic_on_latest_revision = false`
# (functions.tf, docs/operations/deploying.md); no CDKTF binding exists for it, so its schema is
# read from the provider's Go source (`npm run terraform:schema -- --go-source <clone>`).
#
# `terraform init` writes .terraform.lock.hcl with the providers' checksums: commit it.
# State lives in a Cloud Storage bucket of the project (versioned, so a bad apply can be
# undone); the bucket is named at init, see docs/operations/deploying.md.
terraform {
  required_version = ">= 1.5.0"

  backend "gcs" {
    prefix = "c500"
  }

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "7.32.0"
    }
    archive = {
      source  = "hashicorp/archive"
      version = "2.7.1"
    }
  }
}
