# One zip of the build output serves every function; entry_point picks the export.
# Run `npm run build` before plan: the zip is made from dist/ as it is then.
data "archive_file" "functions_source" {
  type             = "zip"
  output_path      = "${path.module}/../dist/deploy/functions-source.zip"
  output_file_mode = "0644" # same bytes on every machine, so the md5 only moves when code does

  dynamic "source" {
    # Compiled tests, source maps and stale zips are not runtime code.
    for_each = setsubtract(
      setunion(fileset("${path.module}/../dist", "**/*.js"), fileset("${path.module}/../dist", "**/*.json")),
      fileset("${path.module}/../dist", "test/**"),
    )
    content {
      content  = file("${path.module}/../dist/${source.value}")
      filename = "dist/${source.value}"
    }
  }

  # The buildpack runs `npm run build` when package.json has a build script; we ship compiled
  # code without sources or TypeScript, so an empty gcp-build (Google's documented opt-out)
  # replaces the scripts. Dependencies stay as they are, in step with package-lock.json.
  source {
    content  = jsonencode(merge(jsondecode(file("${path.module}/../package.json")), { scripts = { "gcp-build" = "" } }))
    filename = "package.json"
  }

  source {
    content  = file("${path.module}/../package-lock.json")
    filename = "package-lock.json"
  }

  # Without a build, the zip would hold package files only and every function would fail to
  # start; stop at plan instead.
  lifecycle {
    precondition {
      condition     = fileexists("${path.module}/../dist/functions/index.js")
      error_message = "dist/functions/index.js (package.json main) is missing: run `npm run build` before terraform plan."
    }
  }
}

resource "google_storage_bucket" "functions_source" {
  count = var.source_bucket == null ? 1 : 0

  name                        = "${var.project_id}-c500-functions-source"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}

locals {
  source_bucket = var.source_bucket != null ? var.source_bucket : one(google_storage_bucket.functions_source[*].name)
}

# The md5 in the name makes a code change a new object, which makes terraform redeploy.
resource "google_storage_bucket_object" "functions_source" {
  name   = "functions-source-${data.archive_file.functions_source.output_md5}.zip"
  bucket = local.source_bucket
  source = data.archive_file.functions_source.output_path
}

resource "google_cloudfunctions2_function" "function" {
  for_each = local.functions

  name        = local.deployed_names[each.key]
  location    = var.region
  description = "C500 ${each.value.kind} function ${each.key}"

  build_config {
    runtime         = "nodejs20"
    entry_point     = each.key
    service_account = google_service_account.builder.id

    source {
      storage_source {
        bucket = google_storage_bucket_object.functions_source.bucket
        object = google_storage_bucket_object.functions_source.name
      }
    }
  }

  service_config {
    # Concurrency above 1 requires a whole vCPU.
    available_cpu                    = "1"
    available_memory                 = var.function_memory
    max_instance_request_concurrency = try(each.value.concurrency, local.http_concurrency)
    min_instance_count               = try(each.value.public, false) ? var.ingress_min_instances : 0
    max_instance_count               = var.max_instances
    timeout_seconds                  = local.timeout_seconds[each.value.kind]
    # Private functions are guarded by IAM (run.invoker), not by network: Pub/Sub push and
    # Cloud Tasks arrive from outside any VPC.
    ingress_settings               = "ALLOW_ALL"
    all_traffic_on_latest_revision = true
    service_account_email          = google_service_account.function[each.key].email
    environment_variables          = local.runtime_env

    # Only this function's own secrets (least privilege); the env name is the registry's.
    dynamic "secret_environment_variables" {
      for_each = toset(each.value.secrets)
      content {
        key        = secret_environment_variables.value
        project_id = var.project_id
        secret     = google_secret_manager_secret.secret[secret_environment_variables.value].secret_id
        version    = "latest"
      }
    }
  }

  # A revision that starts before its secret grant exists fails to start.
  depends_on = [
    google_project_service.apis,
    google_project_iam_member.builder,
    google_secret_manager_secret_iam_member.accessor,
  ]
}

# Anyone may call a public ingress; it checks the caller's signature itself (Discord Ed25519).
resource "google_cloud_run_service_iam_member" "public_invoker" {
  for_each = local.public_functions

  location = var.region
  service  = google_cloudfunctions2_function.function[each.key].service_config[0].service
  role     = "roles/run.invoker"
  member   = "allUsers"
}

resource "google_cloud_run_service_iam_member" "pusher_invokes_subscriber" {
  for_each = local.pubsub_functions

  location = var.region
  service  = google_cloudfunctions2_function.function[each.key].service_config[0].service
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.pubsub_pusher.email}"
}
