# One identity per function, so each holds only the rights its own work needs.
resource "google_service_account" "function" {
  for_each = local.functions

  account_id   = "fn-${local.deployed_names[each.key]}"
  display_name = "C500 function ${each.key}"
  depends_on   = [google_project_service.apis]

  lifecycle {
    precondition {
      condition     = length("fn-${local.deployed_names[each.key]}") <= 30
      error_message = "Service account ids are at most 30 characters: shorten the function name ${each.key}."
    }
  }
}

# Pub/Sub signs push requests as this account; only it may invoke subscriber functions.
resource "google_service_account" "pubsub_pusher" {
  account_id   = "pubsub-pusher"
  display_name = "C500 Pub/Sub push to subscriber functions"
  depends_on   = [google_project_service.apis]
}

# Cloud Tasks signs task requests (OIDC) as this account; only it may invoke task functions.
resource "google_service_account" "tasks_invoker" {
  account_id   = "tasks-invoker"
  display_name = "C500 Cloud Tasks to task functions"
  depends_on   = [google_project_service.apis]
}

# Builds run as a dedicated account: new projects give the default compute account no roles,
# and builds should not run with broad rights anyway.
resource "google_service_account" "builder" {
  account_id   = "functions-builder"
  display_name = "C500 Cloud Functions builds"
  depends_on   = [google_project_service.apis]
}

# What Google documents for a function build's service account: Cloud Run Builder (which
# holds the build's own rights), logs and the image registry; the source it builds from is
# granted on its bucket alone, below.
resource "google_project_iam_member" "builder" {
  for_each = toset([
    "roles/run.builder",
    "roles/logging.logWriter",
    "roles/artifactregistry.writer",
  ])

  project = var.project_id
  role    = each.value
  member  = "serviceAccount:${google_service_account.builder.email}"
}

resource "google_storage_bucket_iam_member" "builder_reads_source" {
  bucket = local.source_bucket
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${google_service_account.builder.email}"
}

# Workers (and the HTTP functions that write for a person) read and write Firestore. The signed
# ingresses get no store rights: they must not touch it; nor do the workers that live on the
# auction book alone (local.workers_off_store: the bid subscriber, the embed edit).
resource "google_project_iam_member" "worker_datastore" {
  for_each = local.store_writers

  project = var.project_id
  role    = "roles/datastore.user"
  member  = "serviceAccount:${google_service_account.function[each.key].email}"
}

# Pages that only show a person something (the checkout success page's order, a closed
# auction or a race's pot on an overlay) read, nothing more.
resource "google_project_iam_member" "reader_datastore" {
  for_each = local.store_readers

  project = var.project_id
  role    = "roles/datastore.viewer"
  member  = "serviceAccount:${google_service_account.function[each.key].email}"
}

# Creating a task with an OIDC token for the tasks invoker means acting as it: only the
# functions that schedule tasks (the registry's `schedules`) may.
resource "google_service_account_iam_member" "scheduler_acts_as_tasks_invoker" {
  for_each = local.task_schedulers

  service_account_id = google_service_account.tasks_invoker.name
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:${google_service_account.function[each.key].email}"
}

# Push subscriptions with OIDC need the Pub/Sub service agent to mint tokens as the pusher
# (implicit for projects created after April 2021, explicit here for older ones). On a fresh
# project the agent is made lazily, when Pub/Sub is first used: granting it a role before
# then fails with "service account does not exist", so the grant waits for the API and the
# topics (google_project_service_identity, which would make it at once, is google-beta only).
resource "google_service_account_iam_member" "pubsub_agent_mints_pusher_tokens" {
  service_account_id = google_service_account.pubsub_pusher.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = "serviceAccount:${local.pubsub_service_agent}"
  depends_on         = [google_project_service.apis, google_pubsub_topic.topic, google_pubsub_topic.dead_letter]
}

locals {
  pubsub_service_agent = "service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

# Every function sends its sampled spans to Cloud Trace (shared/telemetry): the agent role
# writes spans and reads nothing.
resource "google_project_iam_member" "function_trace_agent" {
  for_each = local.functions

  project = var.project_id
  role    = "roles/cloudtrace.agent"
  member  = "serviceAccount:${google_service_account.function[each.key].email}"
}
