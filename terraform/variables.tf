variable "project_id" {
  description = "Google Cloud project that hosts C500 Collective."
  type        = string
}

variable "region" {
  description = "Region for functions, the task queue and the function source bucket. C500_REGION."
  type        = string
  default     = "us-central1"

  # The shape of shared/config.ts's cloudRegionShape (a test holds the two equal).
  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[1-9][0-9]*$", var.region))
    error_message = "region must be a Google Cloud region such as us-central1 or europe-west10."
  }
}

variable "public_base_url" {
  description = "Where people reach the public pages (Firebase Hosting), e.g. https://c500.example.com. Used for links we hand to people."
  type        = string

  validation {
    condition     = can(regex("^https://[^/]+", var.public_base_url))
    error_message = "public_base_url must be an absolute https:// URL, such as https://c500.example.com."
  }
}

variable "tasks_base_url" {
  description = "Base URL Cloud Tasks deliver to; {function} stands for the task function's deployed name. Defaults to its Cloud Run URL, https://{function}-<project number>.<region>.run.app, which Cloud Run accepts as the OIDC audience."
  type        = string
  default     = null
}

variable "source_bucket" {
  description = "Existing GCS bucket for the function source zip. Leave null to create one."
  type        = string
  default     = null
}

variable "firestore_location" {
  description = "Firestore location (cannot change after creation)."
  type        = string
  default     = "nam5"
}

variable "ingress_min_instances" {
  description = "Warm instances for public ingress functions. Discord gives an interaction 3 s including a cold start; 1 buys that margin for a small monthly cost."
  type        = number
  default     = 0
}

variable "max_instances" {
  description = "Upper bound of instances per function, a cost guard."
  type        = number
  default     = 20
}

variable "function_memory" {
  description = "Memory per function instance. Concurrency above 1 needs a whole vCPU, which every function gets."
  type        = string
  default     = "512Mi"
}

variable "platform_fee_bps" {
  description = "The platform's share of each sale in basis points (1000 = 10 %); the builder receives the rest when the funds are released. C500_PLATFORM_FEE_BPS."
  type        = number
  default     = 1000

  validation {
    condition     = floor(var.platform_fee_bps) == var.platform_fee_bps && var.platform_fee_bps >= 0 && var.platform_fee_bps <= 10000
    error_message = "platform_fee_bps must be a whole number from 0 to 10000."
  }
}

# The pay windows' range is payWindowMinutes (shared/domain/marketplace/checkout-window.ts):
# Stripe takes a Checkout Session's expires_at 30 minutes to 24 hours after it makes the
# session, and the deadline is kept 2 minutes inside each end. test/unit/terraform-mirrors-config
# holds these validations to it.
variable "checkout_minutes" {
  description = "How long a reserved item waits for the buyer to pay before it goes back to the drop: 30 to 1,436 (Stripe's 30 minutes to 24 hours, less the margins). C500_CHECKOUT_MINUTES."
  type        = number
  default     = 30

  validation {
    condition     = floor(var.checkout_minutes) == var.checkout_minutes && var.checkout_minutes >= 30 && var.checkout_minutes <= 1436
    error_message = "checkout_minutes must be a whole number from 30 to 1436 (Stripe refuses a Checkout Session that expires more than 24 hours out, and the deadline is kept a margin inside that)."
  }
}

variable "currency" {
  description = "The three-letter ISO currency drops are priced in, lower case. C500_CURRENCY."
  type        = string
  default     = "usd"

  validation {
    condition     = can(regex("^[a-z]{3}$", var.currency))
    error_message = "currency must be a three-letter ISO currency code in lower case, such as usd."
  }
}

variable "deploy_functions" {
  description = "false on the very first apply: everything the functions need (their secrets among it) is made, and no function, so secret values can be added before Cloud Run checks them. true from then on."
  type        = bool
  default     = true
}

variable "alert_notification_channels" {
  description = "Cloud Monitoring notification channel ids (projects/<p>/notificationChannels/<id>) told when a dead-letter topic holds messages. Empty: the incidents still show in the console."
  type        = list(string)
  default     = []
}
