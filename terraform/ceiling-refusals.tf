# Requests Cloud Run refused at a service's instance ceiling. At max_instances a request waits in
# Cloud Run's queue (up to 60 s) and, when no instance frees up, is answered 429 by Cloud Run
# itself (https://cloud.google.com/run/docs/about-instance-autoscaling). It never reaches a
# revision, so run.googleapis.com/request_count ("requests reaching the revision") leaves it out,
# the interaction SLOs built on it (slos.tf) cannot see it, and no line of ours is written. Cloud
# Run's own request log (run.googleapis.com/requests) holds an entry for it, with
# httpRequest.status 429: this counts them per service. No code of ours answers 429 (a test of
# the ingresses' answers holds that), so every 429 in that log is the platform's refusal.
# The dashboard charts them; the alert below pages on them, since each is a person's bid or
# press lost while the SLOs read green.
resource "google_logging_metric" "instance_ceiling_refusals" {
  name        = "c500/instance_ceiling_refusals"
  description = "Requests Cloud Run refused with 429 at a service's max_instances (no instance free), from its request log, by service: not in run.googleapis.com/request_count."
  filter      = "resource.type=\"cloud_run_revision\" AND log_id(\"run.googleapis.com/requests\") AND httpRequest.status=429"

  metric_descriptor {
    metric_kind  = "DELTA"
    value_type   = "INT64"
    unit         = "1"
    display_name = "C500 instance ceiling refusals"

    labels {
      key        = "service"
      value_type = "STRING"
    }
  }

  label_extractors = { service = "EXTRACT(resource.labels.service_name)" }

  depends_on = [google_project_service.apis]
}

# Any refusal at the ceiling for 5 minutes: the instances alert (ops-alerts.tf) warns at 80 % of
# the ceiling, this one says requests are being lost at it.
resource "google_monitoring_alert_policy" "ceiling_refusals" {
  display_name          = "C500: Cloud Run refusing requests at max instances (429)"
  combiner              = "OR"
  severity              = "CRITICAL"
  notification_channels = local.page_channels

  conditions {
    display_name = "429s from Cloud Run's request log, per service, over 5 minutes"

    condition_threshold {
      filter          = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.instance_ceiling_refusals.name}\" AND resource.type=\"cloud_run_revision\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "300s"

      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_SUM"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["metric.label.service"]
      }
    }
  }

  documentation {
    content   = "Cloud Run refused requests with 429 at a service's max_instances for 5 minutes (its request log: these are not in request_count, nor in the interaction SLOs). Runbook: docs/operations/runbook.md#cloud-run-instances-near-max-instances"
    mime_type = "text/markdown"
  }

  depends_on = [google_project_service.apis, google_logging_metric.instance_ceiling_refusals]
}
