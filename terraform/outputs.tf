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

output "function_source_objects" {
  description = "Each function's deployed source zip, for checking which build is live."
  value       = { for name, object in google_storage_bucket_object.function_source : name => "gs://${object.bucket}/${object.name}" }
}

output "secrets_to_set" {
  description = "Every Secret Manager secret the functions read, and where its value comes from. Give each a version before the second apply."
  value       = { for name in local.secret_names : local.secret_ids[name] => local.secret_sources[name] }
}

output "region" {
  description = "Where the functions run: `npm run hosting:config -- <region>` writes it into firebase.json's rewrites."
  value       = var.region
}

# Where outside parties are told to call us. Through Hosting, so the addresses stay the same
# when a function is redeployed or moves region.
output "stripe_webhook_url" {
  description = "Paste into the Stripe dashboard (Developers, Webhooks) as the endpoint URL; its signing secret goes into the stripe-webhook-secret secret."
  value       = "${trimsuffix(var.public_base_url, "/")}${local.functions.stripeWebhook.route}"
}

output "carrier_webhook_url" {
  description = "Paste into the EasyPost dashboard (Account Settings, Webhooks) as the webhook URL, with the secret held in the easypost-webhook-secret secret."
  value       = "${trimsuffix(var.public_base_url, "/")}${local.functions.carrierWebhook.route}"
}

output "stripe_webhook_events" {
  description = "The events to select on the platform's Stripe webhook endpoint (and, on the Connect endpoint, connect_events)."
  value       = { platform_events = local.stripe_webhook_events, connect_events = local.stripe_connect_webhook_events }
}

output "stripe_webhook_api_version" {
  description = "The API version to create both Stripe webhook endpoints with (the dashboard's API version when adding an endpoint; api_version through the API): the one the code pins."
  value       = local.stripe_api_version
}

output "twitch_oauth_redirect_url" {
  description = "Add to the Twitch application (dev.twitch.tv console) as an OAuth Redirect URL; Twitch refuses any redirect it does not list exactly."
  value       = "${trimsuffix(var.public_base_url, "/")}${local.functions.twitchOauthCallback.route}"
}

output "twitch_chat_consent_redirect_url" {
  description = "Add to the Twitch application as an OAuth Redirect URL too: a builder or show host comes back here after letting C500's bot into their chat (/c500 chat-bidding on)."
  value       = "${trimsuffix(var.public_base_url, "/")}${local.functions.twitchChatCallback.route}"
}

output "twitch_chatter_redirect_url" {
  description = "Add to the Twitch application as an OAuth Redirect URL too: chatters sign in here (identity only) so their bids from chat count and their pay page opens."
  value       = "${trimsuffix(var.public_base_url, "/")}${local.functions.chatBidderSignIn.route}"
}

output "twitch_eventsub_callback_url" {
  description = "Where Twitch EventSub delivers stream.online / stream.offline for linked channels."
  value       = "${trimsuffix(var.public_base_url, "/")}${local.functions.twitchWebhook.route}"
}

output "discord_oauth_redirect_url" {
  description = "Add to the Discord application (developer portal, OAuth2, Redirects) for the dashboard's sign-in; Discord refuses any redirect it does not list exactly."
  value       = "${trimsuffix(var.public_base_url, "/")}${local.functions.discordOauthCallback.route}"
}

output "dashboard_url" {
  description = "The web dashboard: builders, hosts, racers and guild admins sign in there with Discord."
  value       = "${trimsuffix(var.public_base_url, "/")}${local.functions.dashboard.route}"
}
