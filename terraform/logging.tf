# How long Cloud Logging keeps the product's log lines. They carry no address and no secret
# (shared/log/index.ts redacts both) but they do name people by their Discord and Twitch ids, which
# are personal data: kept no longer than operating the product needs. 30 days covers the SLOs'
# 28-day period (a budget's bad events can still be read while they count against it) and a
# show's aftermath (a buyer's complaint, a refund, a dispute's first weeks: Stripe asks for
# evidence within days, and the evidence comes from the store, not the logs). It is also the
# _Default bucket's default, now held here so nobody lengthens it by hand unnoticed.
resource "google_logging_project_bucket_config" "default" {
  project        = var.project_id
  location       = "global"
  bucket_id      = "_Default"
  retention_days = 30

  depends_on = [google_project_service.apis]
}
