provider "google" {
  project = var.project_id
  region  = var.region

  # The Billing Budget API (budget.tf) refuses user credentials without a quota project:
  # bill the API calls to this project (the deployer needs serviceusage.services.use on it).
  billing_project       = var.project_id
  user_project_override = true
}

# The project number names the Pub/Sub service agent, which dead lettering and push auth need.
# Reading it needs the Cloud Resource Manager API, and enabling the APIs below needs the
# Service Usage API: on a bare project, enable those two once by hand
# (gcloud services enable cloudresourcemanager.googleapis.com serviceusage.googleapis.com).
data "google_project" "this" {
  project_id = var.project_id
}

# disable_on_destroy = false: a `terraform destroy` of this stack must not switch off APIs
# that other things in the project may use.
resource "google_project_service" "apis" {
  for_each = toset([
    "cloudfunctions.googleapis.com",
    "run.googleapis.com",
    "cloudbuild.googleapis.com",
    "artifactregistry.googleapis.com",
    "pubsub.googleapis.com",
    "cloudtasks.googleapis.com",
    "cloudscheduler.googleapis.com",
    "firestore.googleapis.com",
    "secretmanager.googleapis.com",
    "iam.googleapis.com",
    "cloudresourcemanager.googleapis.com",
    # Alert policies on the dead-letter backlog and the SLOs' burn rates, the SLOs, the dashboard.
    "monitoring.googleapis.com",
    # Log-based metrics (metrics.tf) and the log bucket's retention (logging.tf).
    "logging.googleapis.com",
    # The monthly budget (budget.tf).
    "billingbudgets.googleapis.com",
    # Spans from every function (shared/telemetry): OpenTelemetry's Cloud Trace exporter writes them.
    "cloudtrace.googleapis.com",
    # Firebase Hosting serves web/ and routes the public paths to the functions.
    "firebase.googleapis.com",
    "firebasehosting.googleapis.com",
  ])

  project            = var.project_id
  service            = each.value
  disable_on_destroy = false
}
