# One source bundle per function (`npm run build:deploy` writes dist/deploy/<function>/):
# only the compiled files that function can load, and the production dependencies. A change
# redeploys the functions whose code it touches, and nothing local is ever shipped.
data "archive_file" "function_source" {
  for_each = local.deployed_functions

  type             = "zip"
  source_dir       = "${path.module}/../dist/deploy/${local.deployed_names[each.key]}"
  output_path      = "${path.module}/../dist/deploy-zips/${local.deployed_names[each.key]}.zip"
  output_file_mode = "0644" # same bytes on every machine, so the md5 only moves when code does

  # Without a build there is nothing to zip; stop at plan instead.
  lifecycle {
    precondition {
      condition     = fileexists("${path.module}/../dist/deploy/${local.deployed_names[each.key]}/dist/functions/index.js")
      error_message = "dist/deploy/${local.deployed_names[each.key]} is missing: run `npm run build:deploy` before terraform plan."
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

# The md5 in the name makes a code change a new object, which makes terraform redeploy that function.
resource "google_storage_bucket_object" "function_source" {
  for_each = local.deployed_functions

  name   = "${local.deployed_names[each.key]}-${data.archive_file.function_source[each.key].output_md5}.zip"
  bucket = local.source_bucket
  source = data.archive_file.function_source[each.key].output_path
}

resource "google_cloudfunctions2_function" "function" {
  for_each = local.deployed_functions

  name        = local.deployed_names[each.key]
  location    = var.region
  description = "C500 ${each.value.kind} function ${each.key}"

  build_config {
    runtime         = local.node_runtime
    entry_point     = each.key
    service_account = google_service_account.builder.id

    source {
      storage_source {
        bucket = google_storage_bucket_object.function_source[each.key].bucket
        object = google_storage_bucket_object.function_source[each.key].name
      }
    }
  }

  service_config {
    # Concurrency above 1 requires a whole vCPU.
    available_cpu                    = "1"
    available_memory                 = var.function_memory
    max_instance_request_concurrency = try(each.value.concurrency, local.http_concurrency)
    # The capacity model's warm instances where it names them (docs/capacity.md), raised for a public ingress to var.ingress_min_instances.
    min_instance_count = max(try(each.value.min_instances, 0), try(each.value.public, false) ? var.ingress_min_instances : 0)
    # The capacity model's limit where it sizes the function (docs/capacity.md), else the cost guard.
    max_instance_count = try(each.value.max_instances, var.max_instances)
    timeout_seconds    = local.timeout_seconds[each.value.kind]
    # Only the public ingresses take requests from the internet. Pub/Sub push and Cloud Tasks
    # of this project are internal sources to Cloud Run, so the subscribers and task targets
    # refuse everything else at the network, on top of IAM (run.invoker) and the OIDC check.
    ingress_settings = try(each.value.public, false) ? "ALLOW_ALL" : "ALLOW_INTERNAL_ONLY"
    # A new revision takes no traffic: the Cloud Functions API then keeps the service's split,
    # which `npm run deploy` pins to the serving revision before it applies, and moves itself
    # (canary, 10 %, 100 %; docs/operations/deploying.md). Not in ignore_changes: ignoring it
    # would make terraform send back what it last read, true once a promoted revision is the
    # latest and serves everything, and the next config change would go live at once.
    all_traffic_on_latest_revision = false
    service_account_email          = google_service_account.function[each.key].email
    environment_variables          = local.runtime_env

    # Only this function's own secrets (least privilege); the env name is the registry's.
    # `latest` is read when an instance starts: a new version reaches it with a new revision.
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
    google_storage_bucket_iam_member.builder_reads_source,
    google_secret_manager_secret_iam_member.accessor,
  ]
}

# Anyone may call a public ingress; it checks the caller's signature itself (Discord Ed25519).
resource "google_cloud_run_service_iam_member" "public_invoker" {
  for_each = local.deployed_public_functions

  location = var.region
  service  = google_cloudfunctions2_function.function[each.key].service_config[0].service
  role     = "roles/run.invoker"
  member   = "allUsers"
}

resource "google_cloud_run_service_iam_member" "pusher_invokes_subscriber" {
  for_each = local.deployed_pubsub_functions

  location = var.region
  service  = google_cloudfunctions2_function.function[each.key].service_config[0].service
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.pubsub_pusher.email}"
}
