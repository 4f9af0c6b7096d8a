output "function_urls" {
  description = "Each function's own URL, by registry name."
  value       = { for name, fn in google_cloudfunctions2_function.function : name => fn.service_config[0].uri }
}

output "discord_interactions_url" {
  description = "Paste into the Discord developer portal as the Interactions Endpoint URL. The function's own URL skips the Hosting hop, which matters under the 3 s deadline."
  value = one([
    for name, fn in google_cloudfunctions2_function.function : fn.service_config[0].uri
    if try(local.functions[name].route, "") == "/discord/interactions"
  ])
}

output "discord_interactions_hosting_url" {
  description = "The same endpoint through Firebase Hosting (firebase.json rewrite), once Hosting is deployed."
  value       = "${trimsuffix(var.public_base_url, "/")}/discord/interactions"
}

output "tasks_invoker_email" {
  description = "The account Cloud Tasks sign task requests as (C500_TASKS_INVOKER_SA)."
  value       = google_service_account.tasks_invoker.email
}

output "function_source_object" {
  description = "The deployed source zip, for checking which build is live."
  value       = "gs://${google_storage_bucket_object.functions_source.bucket}/${google_storage_bucket_object.functions_source.name}"
}
