# The month's spending, told before it surprises anyone: at 50 %, 90 % and 100 % of
# var.monthly_budget spent, and when the month is forecast to pass it, to both channel lists
# (the budget's own emails to the billing account's admins stay on as well).
#
# A budget only tells; it stops nothing. What bounds the bill is each function's max instances
# (functions.tf `max_instance_count`: the capacity model's limit where it sizes the function,
# else var.max_instances), so a flood of requests or a retry loop costs at most that many
# instances' time; docs/operations/paging.md#the-cost-guard says what each costs at its ceiling.
resource "google_billing_budget" "month" {
  billing_account = var.billing_account
  display_name    = "C500 ${var.project_id} monthly"

  budget_filter {
    projects        = ["projects/${data.google_project.this.number}"]
    calendar_period = "MONTH"
  }

  amount {
    specified_amount {
      units = tostring(var.monthly_budget)
    }
  }

  threshold_rules {
    threshold_percent = 0.5
  }
  threshold_rules {
    threshold_percent = 0.9
  }
  threshold_rules {
    threshold_percent = 1.0
  }
  threshold_rules {
    threshold_percent = 1.0
    spend_basis       = "FORECASTED_SPEND"
  }

  all_updates_rule {
    monitoring_notification_channels = concat(local.page_channels, local.ticket_channels)
  }

  depends_on = [google_project_service.apis]
}
