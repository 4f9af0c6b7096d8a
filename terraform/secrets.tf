# Secrets exist here; their values do not. Add versions out of band, so no secret ever sits
# in terraform state or in git: the first apply (deploy_functions = false) makes them, then
#   printf %s "$VALUE" | gcloud secrets versions add discord-public-key --data-file=-
# for each one `terraform output secrets_to_set` lists, then the second apply makes the
# functions. A function reads `latest` when an instance starts: a new version reaches it with
# a new revision (see docs/operations/deploying.md).
resource "google_secret_manager_secret" "secret" {
  for_each = local.secret_names

  secret_id = local.secret_ids[each.value]

  labels = {
    env_name = lower(each.value)
  }

  replication {
    auto {}
  }

  depends_on = [google_project_service.apis]
}

# Each function may read only the secrets the registry names for it.
resource "google_secret_manager_secret_iam_member" "accessor" {
  for_each = local.function_secrets

  project   = var.project_id
  secret_id = google_secret_manager_secret.secret[each.value.secret].secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.function[each.value.function].email}"
}
