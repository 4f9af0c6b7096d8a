variable "project_id" {
  description = "Google Cloud project that hosts C500 Collective."
  type        = string
}

variable "region" {
  description = "Region for functions, the task queue and the function source bucket. C500_REGION."
  type        = string
  default     = "us-central1"

  # The shape of shared/config/index.ts's cloudRegionShape (a test holds the two equal).
  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[1-9][0-9]*$", var.region))
    error_message = "region must be a Google Cloud region such as us-central1 or europe-west10."
  }
}

variable "public_base_url" {
  description = "Where people reach the public pages: the Default URL of the project's default Firebase Hosting site (`firebase hosting:sites:list --project <project> --json | node scripts/hosting-site-url.mjs`; https://<project>.web.app only when the project id was free as a site name, else the site has a suffix), or a custom domain such as https://c500.example.com. Used for links we hand to people and for the callbacks Stripe and Twitch are given."
  type        = string

  validation {
    condition     = can(regex("^https://[^/]+", var.public_base_url))
    error_message = "public_base_url must be an absolute https:// URL, such as https://c500.example.com."
  }
}

# The privacy page names who answers for the data and where to ask (GDPR Art. 13(1)(a)); the
# functions refuse to start without them (shared/config/index.ts readDataController), so no default.
variable "controller_name" {
  description = "Who is responsible for the personal data this deployment keeps (the data controller: a person or a company), as the privacy page names them. C500_CONTROLLER_NAME."
  type        = string

  validation {
    condition     = can(regex("^[^\\x00-\\x1f\\x7f]{1,300}$", var.controller_name)) && trimspace(var.controller_name) != ""
    error_message = "controller_name must be one line of at most 300 characters naming the person or company responsible for the data."
  }
}

variable "privacy_contact" {
  description = "Where people ask about their data and use their rights, shown on the privacy page: an email address or an https URL. C500_PRIVACY_CONTACT."
  type        = string

  # The shape of shared/config/index.ts's privacyContactShape (a test holds the two equal).
  validation {
    condition     = can(regex("^([^@\\s]+@[^@\\s]+\\.[^@\\s]+|https:\\/\\/[^/\\s]+\\.[^\\s]+)$", var.privacy_contact))
    error_message = "privacy_contact must be an email address or an https URL, such as privacy@c500.example."
  }
}

# The controller's representative in the EU (GDPR Art. 27), on the privacy page; required as the
# controller's name is (shared/data-controller.ts readDataController), so no default.
variable "eu_representative" {
  description = "The controller's representative in the EU (GDPR Art. 27), whom people may ask instead of the controller: a name and how to reach them, as the privacy page names them. C500_EU_REPRESENTATIVE."
  type        = string

  validation {
    condition     = can(regex("^[^\\x00-\\x1f\\x7f]{1,300}$", var.eu_representative)) && trimspace(var.eu_representative) != ""
    error_message = "eu_representative must be one line of at most 300 characters naming the representative in the EU and how to reach them."
  }
}

variable "controller_address" {
  description = "The controller's postal address, shown on the privacy page; empty: the page gives none. C500_CONTROLLER_ADDRESS."
  type        = string
  default     = ""

  validation {
    condition     = can(regex("^[^\\x00-\\x1f\\x7f]{0,300}$", var.controller_address))
    error_message = "controller_address must be one line of at most 300 characters."
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
  description = "Warm instances for every public ingress, at least (the capacity model keeps the show's herd path warm itself: locals.tf min_instances, docs/capacity.md). Discord gives an interaction 3 s including a cold start."
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

variable "platform_country" {
  description = "The two-letter country of the Stripe platform account, upper case: builders paid in another country get Stripe's recipient agreement. C500_PLATFORM_COUNTRY."
  type        = string
  default     = "US"

  validation {
    condition     = can(regex("^[A-Z]{2}$", var.platform_country))
    error_message = "platform_country must be a two-letter ISO country code in upper case, such as US."
  }
}

variable "auction_pay_minutes" {
  description = "How long an auction winner (or a runner-up offered a second chance) has to pay, from the hammer; a show winner, from the opening of their checkout: 30 to 1,436, as checkout_minutes. C500_AUCTION_PAY_MINUTES."
  type        = number
  default     = 60

  validation {
    condition     = floor(var.auction_pay_minutes) == var.auction_pay_minutes && var.auction_pay_minutes >= 30 && var.auction_pay_minutes <= 1436
    error_message = "auction_pay_minutes must be a whole number from 30 to 1436 (Stripe refuses a Checkout Session that expires more than 24 hours out, and the deadline is kept a margin inside that)."
  }
}

variable "second_chance_depth" {
  description = "How many runner-ups are offered an item, one after another, when its winner does not pay: 0 to 10. C500_SECOND_CHANCE_DEPTH."
  type        = number
  default     = 2

  validation {
    condition     = floor(var.second_chance_depth) == var.second_chance_depth && var.second_chance_depth >= 0 && var.second_chance_depth <= 10
    error_message = "second_chance_depth must be a whole number from 0 to 10."
  }
}

variable "strikes_to_ban" {
  description = "Unpaid wins that ban a bidder from bidding: 1 to 100. C500_STRIKES_TO_BAN."
  type        = number
  default     = 2

  validation {
    condition     = floor(var.strikes_to_ban) == var.strikes_to_ban && var.strikes_to_ban >= 1 && var.strikes_to_ban <= 100
    error_message = "strikes_to_ban must be a whole number from 1 to 100."
  }
}

variable "counter_bid_seconds" {
  description = "Seconds a late bid puts back on an auction's clock unless the builder says otherwise: 0 to 600. C500_COUNTER_BID_SECONDS."
  type        = number
  default     = 10

  validation {
    condition     = floor(var.counter_bid_seconds) == var.counter_bid_seconds && var.counter_bid_seconds >= 0 && var.counter_bid_seconds <= 600
    error_message = "counter_bid_seconds must be a whole number from 0 to 600."
  }
}

variable "bid_gather_ms" {
  description = "How long a lot's bids wait in an instance for company before one script call decides them together (fewer calls on the lot's Upstash database at a herd; docs/capacity.md: 40, the default, for a 50,000-viewer show; 0 sends each bid alone): 0 to 100 milliseconds. C500_BID_GATHER_MS."
  type        = number
  default     = 40

  validation {
    condition     = floor(var.bid_gather_ms) == var.bid_gather_ms && var.bid_gather_ms >= 0 && var.bid_gather_ms <= 100
    error_message = "bid_gather_ms must be a whole number from 0 to 100."
  }
}

variable "auction_settle_ms" {
  description = "How long after an auction's end a bid made before it may still reach the book and count; the hammer waits it out: 0 to 30000 milliseconds. C500_AUCTION_SETTLE_MS."
  type        = number
  default     = 2000

  validation {
    condition     = floor(var.auction_settle_ms) == var.auction_settle_ms && var.auction_settle_ms >= 0 && var.auction_settle_ms <= 30000
    error_message = "auction_settle_ms must be a whole number from 0 to 30000."
  }
}

variable "twitch_bot_user_id" {
  description = "The Twitch user id of the platform's bot account, which reads chat bids and answers them (Helix GET /users?login=<bot login>). Empty: chat bidding is unavailable. The account authorizes the app once with user:read:chat user:write:chat user:bot (docs/operations/app-setup.md, the bot account). C500_TWITCH_BOT_USER_ID."
  type        = string
  default     = ""

  validation {
    condition     = can(regex("^([0-9]{1,20})?$", var.twitch_bot_user_id))
    error_message = "twitch_bot_user_id must be a Twitch user id (digits only), or empty."
  }
}

variable "twitch_bot_moderator" {
  description = "true when the bot is a moderator in every channel it serves (the broadcasters run /mod <bot>): Twitch then allows it 100 chat messages per 30 seconds in each instead of 20. C500_TWITCH_BOT_MODERATOR."
  type        = bool
  default     = false
}

variable "dashboard_session_minutes" {
  description = "How long a web dashboard session lasts from its Discord sign-in: 5 to 1440 minutes. C500_DASHBOARD_SESSION_MINUTES."
  type        = number
  default     = 120

  validation {
    condition     = floor(var.dashboard_session_minutes) == var.dashboard_session_minutes && var.dashboard_session_minutes >= 5 && var.dashboard_session_minutes <= 1440
    error_message = "dashboard_session_minutes must be a whole number from 5 to 1440."
  }
}

variable "dashboard_recheck_minutes" {
  description = "How long the dashboard trusts Discord's word that someone administers a server before asking again: 1 to 60 minutes. C500_DASHBOARD_RECHECK_MINUTES."
  type        = number
  default     = 5

  validation {
    condition     = floor(var.dashboard_recheck_minutes) == var.dashboard_recheck_minutes && var.dashboard_recheck_minutes >= 1 && var.dashboard_recheck_minutes <= 60
    error_message = "dashboard_recheck_minutes must be a whole number from 1 to 60."
  }
}

variable "redis_key_prefix" {
  description = "Prefix of every auction key in the Upstash database, so two deployments can share one. C500_REDIS_KEY_PREFIX."
  type        = string
  default     = "c500:"
}

variable "deploy_functions" {
  description = "false on the very first apply: everything the functions need (their secrets among it) is made, and no function, so secret values can be added before Cloud Run checks them. true from then on."
  type        = bool
  default     = true
}

variable "delivery_days" {
  description = "Days after /c500 ship that an order its buyer never confirmed counts as received: 1 to 365. C500_DELIVERY_DAYS."
  type        = number
  default     = 30

  validation {
    condition     = floor(var.delivery_days) == var.delivery_days && var.delivery_days >= 1 && var.delivery_days <= 365
    error_message = "delivery_days must be a whole number from 1 to 365."
  }
}

variable "address_days" {
  description = "Days after an order is received or refunded that its shipping address is erased: 1 to 3650. C500_ADDRESS_DAYS."
  type        = number
  default     = 90

  validation {
    condition     = floor(var.address_days) == var.address_days && var.address_days >= 1 && var.address_days <= 3650
    error_message = "address_days must be a whole number from 1 to 3650."
  }
}

# Who is told when something breaks (notifications.tf). No defaults: an apply without a person
# to page would build alerts that notify nobody.
variable "page_email" {
  description = "Email address paged when something needs a person within minutes (SLO budgets burning fast, money that needs a human, tasks given up, the probe failing): the on-call's address or an alias that reaches them. docs/operations/paging.md says how to send a test page."
  type        = string

  validation {
    condition     = can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.page_email))
    error_message = "page_email must be an email address, such as oncall@example.com."
  }
}

variable "page_webhook_url" {
  description = "HTTPS URL paged alongside page_email (a pager service's Cloud Monitoring integration URL, or a chat webhook that reaches the on-call's phone). It carries the receiver's token, so it is sensitive."
  type        = string
  sensitive   = true

  validation {
    condition     = can(regex("^https://[^/\\s]+", var.page_webhook_url))
    error_message = "page_webhook_url must be an absolute https:// URL."
  }
}

variable "ticket_email" {
  description = "Email address told about what can wait for working hours (slow SLO burns, dead letters ageing, reconciliation's unexplained amounts, the billing budget): a team inbox or an issue tracker's address."
  type        = string

  validation {
    condition     = can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.ticket_email))
    error_message = "ticket_email must be an email address, such as c500-tickets@example.com."
  }
}

variable "billing_account" {
  description = "The Cloud Billing account the project is billed to (XXXXXX-XXXXXX-XXXXXX, `gcloud billing projects describe <project>`), for the budget in budget.tf."
  type        = string

  validation {
    condition     = can(regex("^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$", var.billing_account))
    error_message = "billing_account must be a billing account id such as 012345-6789AB-CDEF01."
  }
}

variable "monthly_budget" {
  description = "The month's budget for this project, in whole units of the billing account's currency: budget.tf tells the channels at 50 %, 90 % and 100 % of it spent, and when the month is forecast to pass it."
  type        = number
  default     = 200

  validation {
    condition     = floor(var.monthly_budget) == var.monthly_budget && var.monthly_budget > 0
    error_message = "monthly_budget must be a whole number above 0."
  }
}

variable "pubsub_publisher_kb_per_second_limit" {
  description = "Pub/Sub's publisher throughput quota in the functions' region, kB per second (docs/capacity.md: 50,000, its 3,000,000 kB a minute in a small region; four times that in europe-west1, us-central1 and us-east1, or what a raised quota says). ops-alerts.tf pages at 80 % of it sustained."
  type        = number
  default     = 50000

  validation {
    condition     = var.pubsub_publisher_kb_per_second_limit > 0
    error_message = "pubsub_publisher_kb_per_second_limit must be above 0."
  }
}

variable "upstash_commands_per_second_limit" {
  description = "The Upstash plan's command rate limit, per second (docs/capacity.md: 10,000 on pay-as-you-go). ops-alerts.tf pages at 80 % of it sustained."
  type        = number
  default     = 10000

  validation {
    condition     = var.upstash_commands_per_second_limit > 0
    error_message = "upstash_commands_per_second_limit must be above 0."
  }
}

# shared/config/index.ts reads it (readSampleRatio) and refuses what this refuses.
variable "trace_sample_ratio" {
  description = "The share of traces, 0 to 1, whose spans are sent to Cloud Trace (a caller that sampled its trace is followed). C500_TRACE_SAMPLE_RATIO."
  type        = number
  default     = 0.1

  validation {
    condition     = var.trace_sample_ratio >= 0 && var.trace_sample_ratio <= 1
    error_message = "trace_sample_ratio must be a number from 0 to 1."
  }
}
