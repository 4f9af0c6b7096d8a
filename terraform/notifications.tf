# Who is told. Every alert policy in terraform/ notifies one of the two lists below, never an
# empty one (test/unit/alert-runbooks.test.ts fails on a policy that notifies nobody):
#   local.page_channels:   someone who can act within minutes, at any hour (email and webhook,
#                          two paths so one failing delivery system does not lose the page);
#   local.ticket_channels: what can wait for working hours.
# docs/operations/paging.md says how to send a test page through them after an apply.
resource "google_monitoring_notification_channel" "page_email" {
  display_name = "C500 page (email)"
  type         = "email"
  labels = {
    email_address = var.page_email
  }

  depends_on = [google_project_service.apis]
}

# webhook_tokenauth: Cloud Monitoring POSTs the incident as JSON to the URL, whose own token
# (a pager service's integration key, a chat webhook's secret path) authenticates it.
resource "google_monitoring_notification_channel" "page_webhook" {
  display_name = "C500 page (webhook)"
  type         = "webhook_tokenauth"
  labels = {
    url = var.page_webhook_url
  }

  depends_on = [google_project_service.apis]
}

resource "google_monitoring_notification_channel" "ticket_email" {
  display_name = "C500 ticket (email)"
  type         = "email"
  labels = {
    email_address = var.ticket_email
  }

  depends_on = [google_project_service.apis]
}

locals {
  page_channels   = [google_monitoring_notification_channel.page_email.name, google_monitoring_notification_channel.page_webhook.name]
  ticket_channels = [google_monitoring_notification_channel.ticket_email.name]
}
