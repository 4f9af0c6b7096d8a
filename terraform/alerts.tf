# Burn-rate alerts on every SLO of slos.tf, in the SRE workbook's multi-window, multi-burn-rate
# form ("Alerting on SLOs"): each fires only when the budget burns fast over a long window AND
# still over a short one (a twelfth of it), so it pages on real trouble, stops soon after the
# trouble does, and never on a blip. The workbook's factors are for 30 days; a factor is the
# share of the budget spent × the SLO's period ÷ the window, so for these 28 days:
#   page:   2 % of the budget in 1 h:  0.02 × 672 h ÷ 1 h = 13.44, short window 5 min
#   page:   5 % of the budget in 6 h:  0.05 × 672 h ÷ 6 h = 5.6,   short window 30 min
#   ticket: the whole budget at 1× over 3 days (10.7 % of it spent then), short window 6 h
locals {
  burn_windows = {
    page-fast   = { long = "1h", short = "5m", factor = 13.44, severity = "CRITICAL", what = "page" }
    page-medium = { long = "6h", short = "30m", factor = 5.6, severity = "CRITICAL", what = "page" }
    ticket      = { long = "72h", short = "6h", factor = 1, severity = "WARNING", what = "ticket" }
  }

  slo_alerts = {
    for pair in setproduct(keys(local.slos), keys(local.burn_windows)) :
    "${pair[0]}-${pair[1]}" => { slo = pair[0], window = pair[1] }
  }
}

resource "google_monitoring_alert_policy" "slo_burn" {
  for_each = local.slo_alerts

  display_name          = "C500 SLO ${local.slos[each.value.slo].display_name}: budget burning at ${local.burn_windows[each.value.window].factor}× (${each.value.window})"
  combiner              = "AND"
  severity              = local.burn_windows[each.value.window].severity
  notification_channels = local.burn_windows[each.value.window].what == "page" ? local.page_channels : local.ticket_channels

  conditions {
    display_name = "burn rate over ${local.burn_windows[each.value.window].long} above ${local.burn_windows[each.value.window].factor}"

    condition_threshold {
      filter          = "select_slo_burn_rate(\"${local.slo_ids[each.value.slo]}\", \"${local.burn_windows[each.value.window].long}\")"
      comparison      = "COMPARISON_GT"
      threshold_value = local.burn_windows[each.value.window].factor
      duration        = "0s"
    }
  }

  conditions {
    display_name = "burn rate over ${local.burn_windows[each.value.window].short} above ${local.burn_windows[each.value.window].factor}"

    condition_threshold {
      filter          = "select_slo_burn_rate(\"${local.slo_ids[each.value.slo]}\", \"${local.burn_windows[each.value.window].short}\")"
      comparison      = "COMPARISON_GT"
      threshold_value = local.burn_windows[each.value.window].factor
      duration        = "0s"
    }
  }

  documentation {
    content   = "The SLO \"${local.slos[each.value.slo].display_name}\" (goal ${local.slos[each.value.slo].goal * 100} % over 28 days) is spending its error budget at more than ${local.burn_windows[each.value.window].factor} times the rate that would use it up in 28 days, over the last ${local.burn_windows[each.value.window].long} and still over the last ${local.burn_windows[each.value.window].short}. Runbook: docs/operations/runbook.md#${local.slos[each.value.slo].runbook} (what it means, what to look at, what to do)."
    mime_type = "text/markdown"
  }

  depends_on = [google_project_service.apis]
}
