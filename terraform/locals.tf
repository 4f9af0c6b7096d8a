# The registry (shared/registry.ts) as data. Keep it literal: test/unit/terraform-mirrors-registry
# fails when this and the registry disagree. Every resource below is built by for_each over these
# maps, so adding a function, topic or queue is an edit here and in the registry, nothing else.
locals {
  functions = {
    discordInteractions = {
      kind      = "http"
      route     = "/discord/interactions"
      public    = true
      signed_by = "discord"
      secrets   = ["DISCORD_PUBLIC_KEY", "PROBE_PUBLIC_KEY", "LOG_ID_KEY"]
      schedules = []

      # docs/capacity.md: a 10,000-viewer show's peak needs 2 instances; three times that, never below var.max_instances (20).
      max_instances = 20
      # docs/capacity.md: the show's peak needs 2 warm (the herd meets it first).
      min_instances = 2
    }
    discordCommands = {
      kind        = "pubsub"
      topic       = "discord-commands"
      concurrency = 20
      secrets     = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "TWITCH_CLIENT_ID", "TWITCH_CLIENT_SECRET", "TWITCH_EVENTSUB_SECRET", "OAUTH_STATE_KEY", "TOKEN_SEAL_KEYS", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "UPSTASH_BOOK_SHARDS", "LOG_ID_KEY", "ID_HASH_KEY", "EASYPOST_API_KEY"]
      schedules   = ["giveaway-draw", "groupbuy-close", "label-wave"]
    }
    stripeCommands = {
      kind  = "pubsub"
      topic = "stripe-commands"
      # docs/capacity.md: a Buy Now press is about 130 ms in the instance; at the 0.23 ms of CPU first measured one vCPU reaches
      # 60 % at about 350 (the slots are raised to that, never lowered when a slower machine measures more CPU).
      concurrency = 350
      # A parcel's Refund reads a reship's label back at the carrier before the reship gives way.
      secrets   = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "STRIPE_SECRET_KEY", "EASYPOST_API_KEY", "LOG_ID_KEY"]
      schedules = ["checkout-expiry", "commission-late"]

      # docs/capacity.md: a 10,000-viewer show's peak needs 1 instance; three times that, never below var.max_instances (20).
      max_instances = 20
    }
    liveCommands = {
      kind        = "pubsub"
      topic       = "live-commands"
      concurrency = 20
      secrets     = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "STRIPE_SECRET_KEY", "TWITCH_CLIENT_ID", "TWITCH_CLIENT_SECRET", "TWITCH_BOT_REFRESH_TOKEN", "LOG_ID_KEY"]
      schedules   = ["proof-vod", "groupbuy-milestone"]
    }
    stripeWebhook = {
      kind      = "http"
      route     = "/webhooks/stripe"
      public    = true
      signed_by = "stripe"
      secrets   = ["STRIPE_WEBHOOK_SECRET", "STRIPE_CONNECT_WEBHOOK_SECRET", "LOG_ID_KEY"]
      schedules = []
    }
    stripeEvents = {
      kind        = "pubsub"
      topic       = "stripe-events"
      concurrency = 20
      secrets     = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "STRIPE_SECRET_KEY", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "UPSTASH_BOOK_SHARDS", "LOG_ID_KEY", "ID_HASH_KEY"]
      schedules   = ["checkout-expiry", "race-message", "show-sheet", "show-next", "chat-replies", "dispute-evidence", "commission-late", "groupbuy-close"]
      cancels     = ["auction-close"]
    }
    twitchWebhook = {
      kind      = "http"
      route     = "/webhooks/twitch"
      public    = true
      signed_by = "twitch"
      secrets   = ["TWITCH_EVENTSUB_SECRET", "LOG_ID_KEY"]
      schedules = []

      # docs/capacity.md: a 10,000-viewer show's peak needs 1 instance; three times that, never below var.max_instances (20).
      max_instances = 20
      # docs/capacity.md: the show's peak needs 1 warm (the herd meets it first).
      min_instances = 1
    }
    twitchEvents = {
      kind        = "pubsub"
      topic       = "twitch-events"
      concurrency = 20
      secrets     = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "LOG_ID_KEY"]
      schedules   = []
    }
    carrierWebhook = {
      kind      = "http"
      route     = "/webhooks/carrier"
      public    = true
      signed_by = "carrier"
      secrets   = ["EASYPOST_WEBHOOK_SECRET", "LOG_ID_KEY"]
      schedules = []
    }
    carrierEvents = {
      kind        = "pubsub"
      topic       = "carrier-events"
      concurrency = 20
      secrets     = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "LOG_ID_KEY"]
      schedules   = []
    }
    twitchOauthCallback = {
      kind      = "http"
      route     = "/oauth/twitch/callback"
      public    = true
      secrets   = ["TWITCH_CLIENT_ID", "TWITCH_CLIENT_SECRET", "TWITCH_EVENTSUB_SECRET", "OAUTH_STATE_KEY", "LOG_ID_KEY"]
      schedules = []
    }
    twitchChatCallback = {
      kind      = "http"
      route     = "/twitch/chat/callback"
      public    = true
      secrets   = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "TWITCH_CLIENT_ID", "TWITCH_CLIENT_SECRET", "TWITCH_EVENTSUB_SECRET", "OAUTH_STATE_KEY", "LOG_ID_KEY"]
      schedules = []
    }
    chatBidderSignIn = {
      kind      = "http"
      route     = "/twitch/bidder"
      public    = true
      secrets   = ["TWITCH_CLIENT_ID", "TWITCH_CLIENT_SECRET", "OAUTH_STATE_KEY", "LOG_ID_KEY"]
      schedules = []
    }
    chatPay = {
      kind      = "http"
      route     = "/pay/:orderId"
      public    = true
      secrets   = ["OAUTH_STATE_KEY", "LOG_ID_KEY"]
      schedules = []
    }
    sealedBid = {
      kind      = "http"
      route     = "/bid/:auctionId"
      public    = true
      secrets   = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "OAUTH_STATE_KEY", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "UPSTASH_BOOK_SHARDS", "ID_HASH_KEY", "LOG_ID_KEY"]
      schedules = ["auction-close", "auction-embed", "chat-replies"]
    }
    chatterPrivacy = {
      kind      = "http"
      route     = "/privacy/twitch"
      public    = true
      secrets   = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "TWITCH_CLIENT_ID", "TWITCH_CLIENT_SECRET", "OAUTH_STATE_KEY", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "UPSTASH_BOOK_SHARDS", "ID_HASH_KEY", "LOG_ID_KEY"]
      schedules = []
    }
    checkoutExpiry = {
      kind      = "task"
      route     = "/tasks/checkout-expiry"
      queue     = "checkout-expiry"
      secrets   = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "STRIPE_SECRET_KEY", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "UPSTASH_BOOK_SHARDS", "LOG_ID_KEY", "ID_HASH_KEY"]
      schedules = ["checkout-expiry", "race-message", "show-sheet", "show-next", "chat-replies", "commission-late", "groupbuy-close"]
    }
    checkoutOrder = {
      kind      = "http"
      route     = "/checkout/order"
      public    = true
      secrets   = ["LOG_ID_KEY"]
      schedules = []
    }
    auctionCommands = {
      kind        = "pubsub"
      topic       = "auction-commands"
      concurrency = 20
      secrets     = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "UPSTASH_BOOK_SHARDS", "LOG_ID_KEY", "ID_HASH_KEY"]
      schedules   = ["auction-close"]
      cancels     = ["auction-close"]
    }
    # 310 bids at once on one vCPU (every function gets one): they wait on Redis and Discord.
    # docs/capacity.md: about 100 ms in the instance; at the 0.19 ms of CPU a bid first measured one vCPU reaches 60 % at
    # about 310 (raised to that, never lowered when a slower machine measures more CPU).
    auctionBids = {
      kind        = "pubsub"
      topic       = "auction-bids"
      concurrency = 310
      secrets     = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "UPSTASH_BOOK_SHARDS", "LOG_ID_KEY", "ID_HASH_KEY"]
      schedules   = ["auction-close", "auction-embed", "chat-replies"]

      # docs/capacity.md: a 10,000-viewer show's peak needs 1 instance; three times that, never below var.max_instances (20).
      max_instances = 20
      # docs/capacity.md: the show's peak needs 1 warm (the herd meets it first).
      min_instances = 1
    }
    # As auctionBids: chat bids wait on Redis, and the chatter, the channel's switch and its
    # live auction are read through a memory of a second or two.
    chatBids = {
      kind        = "pubsub"
      topic       = "chat-bids"
      concurrency = 250
      secrets     = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "UPSTASH_BOOK_SHARDS", "TWITCH_CLIENT_ID", "TWITCH_CLIENT_SECRET", "TWITCH_BOT_REFRESH_TOKEN", "LOG_ID_KEY", "ID_HASH_KEY"]
      schedules   = ["auction-close", "auction-embed", "chat-replies"]

      # docs/capacity.md: a 10,000-viewer show's peak needs 1 instance; three times that, never below var.max_instances (20).
      max_instances = 20
      # docs/capacity.md: the show's peak needs 1 warm (the herd meets it first).
      min_instances = 1
    }
    chatReplies = {
      kind      = "task"
      route     = "/tasks/chat-replies"
      queue     = "chat-replies"
      secrets   = ["TWITCH_CLIENT_ID", "TWITCH_CLIENT_SECRET", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "UPSTASH_BOOK_SHARDS", "LOG_ID_KEY", "ID_HASH_KEY"]
      schedules = ["chat-replies"]
    }
    auctionEmbed = {
      kind      = "task"
      route     = "/tasks/auction-embed"
      queue     = "auction-embed"
      secrets   = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "UPSTASH_BOOK_SHARDS", "LOG_ID_KEY", "ID_HASH_KEY"]
      schedules = []
    }
    auctionClose = {
      kind      = "task"
      route     = "/tasks/auction-close"
      queue     = "auction-close"
      secrets   = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "UPSTASH_BOOK_SHARDS", "STRIPE_SECRET_KEY", "LOG_ID_KEY", "ID_HASH_KEY"]
      schedules = ["auction-close", "checkout-expiry", "show-next", "show-sheet", "chat-replies"]
    }
    auctionSweep = {
      kind          = "scheduled"
      route         = "/jobs/auction-sweep"
      every_minutes = 5
      secrets       = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "UPSTASH_BOOK_SHARDS", "STRIPE_SECRET_KEY", "LOG_ID_KEY", "ID_HASH_KEY"]
      schedules     = ["auction-close", "checkout-expiry", "show-next", "show-sheet", "chat-replies"]
    }
    auctionOverlay = {
      kind      = "http"
      route     = "/overlay/auction/:auctionId"
      public    = true
      secrets   = ["UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "UPSTASH_BOOK_SHARDS", "LOG_ID_KEY", "ID_HASH_KEY"]
      schedules = []
    }
    showCommands = {
      kind        = "pubsub"
      topic       = "show-commands"
      concurrency = 20
      secrets     = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "UPSTASH_BOOK_SHARDS", "STRIPE_SECRET_KEY", "LOG_ID_KEY", "ID_HASH_KEY"]
      schedules   = ["auction-close", "auction-embed", "chat-replies", "show-next", "show-sheet", "checkout-expiry"]
    }
    showNext = {
      kind      = "task"
      route     = "/tasks/show-next"
      queue     = "show-next"
      secrets   = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "UPSTASH_BOOK_SHARDS", "STRIPE_SECRET_KEY", "LOG_ID_KEY", "ID_HASH_KEY"]
      schedules = ["auction-close", "auction-embed", "chat-replies", "show-next", "show-sheet", "checkout-expiry"]
    }
    showSheet = {
      kind      = "task"
      route     = "/tasks/show-sheet"
      queue     = "show-sheet"
      secrets   = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "UPSTASH_BOOK_SHARDS", "LOG_ID_KEY", "ID_HASH_KEY"]
      schedules = ["show-sheet"]
    }
    showOverlay = {
      kind      = "http"
      route     = "/overlay/show/:showId"
      public    = true
      secrets   = ["UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "UPSTASH_BOOK_SHARDS", "LOG_ID_KEY", "ID_HASH_KEY"]
      schedules = []
    }
    raceCommands = {
      kind        = "pubsub"
      topic       = "race-commands"
      concurrency = 20
      secrets     = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "LOG_ID_KEY"]
      schedules   = ["race-close", "race-message"]
    }
    kofiWebhook = {
      kind      = "http"
      route     = "/webhooks/kofi/:guildId"
      public    = true
      signed_by = "kofi"
      secrets   = ["KOFI_VERIFICATION_TOKEN", "LOG_ID_KEY"]
      schedules = []
    }
    shopifyWebhook = {
      kind      = "http"
      route     = "/webhooks/shopify/:guildId"
      public    = true
      signed_by = "shopify"
      secrets   = ["SHOPIFY_WEBHOOK_SECRET", "LOG_ID_KEY"]
      schedules = []
    }
    # Each sale is one small batch write; 40 at once keeps a hype moment on few instances.
    shopEvents = {
      kind        = "pubsub"
      topic       = "shop-events"
      concurrency = 40
      secrets     = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "LOG_ID_KEY"]
      schedules   = ["race-message"]
    }
    raceClose = {
      kind      = "task"
      route     = "/tasks/race-close"
      queue     = "race-close"
      secrets   = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "LOG_ID_KEY"]
      schedules = ["race-message"]
    }
    raceMessage = {
      kind      = "task"
      route     = "/tasks/race-message"
      queue     = "race-message"
      secrets   = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "LOG_ID_KEY"]
      schedules = ["race-message"]
    }
    proofVod = {
      kind      = "task"
      route     = "/tasks/proof-vod"
      queue     = "proof-vod"
      secrets   = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "TWITCH_CLIENT_ID", "TWITCH_CLIENT_SECRET", "LOG_ID_KEY"]
      schedules = ["proof-vod"]
    }
    dashboard = {
      kind      = "http"
      route     = "/dashboard"
      subpaths  = true
      public    = true
      secrets   = ["DASHBOARD_SESSION_KEY", "DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "DISCORD_CLIENT_SECRET", "STRIPE_SECRET_KEY", "TOKEN_SEAL_KEYS", "TWITCH_CLIENT_ID", "TWITCH_CLIENT_SECRET", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "UPSTASH_BOOK_SHARDS", "LOG_ID_KEY", "ID_HASH_KEY"]
      schedules = []
    }
    discordOauthCallback = {
      kind      = "http"
      route     = "/oauth/discord/callback"
      public    = true
      secrets   = ["DASHBOARD_SESSION_KEY", "DISCORD_APPLICATION_ID", "DISCORD_CLIENT_SECRET", "TOKEN_SEAL_KEYS", "LOG_ID_KEY"]
      schedules = []
    }
    potOverlay = {
      kind      = "http"
      route     = "/overlay/pot/:lobbyId"
      public    = true
      secrets   = ["LOG_ID_KEY"]
      schedules = []
    }
    commissionLate = {
      kind      = "task"
      route     = "/tasks/commission-late"
      queue     = "commission-late"
      secrets   = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "LOG_ID_KEY"]
      schedules = []
    }
    queuePage = {
      kind      = "http"
      route     = "/queue/:builderId"
      public    = true
      secrets   = ["LOG_ID_KEY"]
      schedules = []
    }
    groupbuyPage = {
      kind      = "http"
      route     = "/groupbuy/:groupBuyId"
      public    = true
      secrets   = ["STRIPE_SECRET_KEY", "LOG_ID_KEY"]
      schedules = []
    }
    disputeEvidence = {
      kind      = "task"
      route     = "/tasks/dispute-evidence"
      queue     = "dispute-evidence"
      secrets   = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "STRIPE_SECRET_KEY", "LOG_ID_KEY"]
      schedules = []
    }
    giveawayDraw = {
      kind      = "task"
      route     = "/tasks/giveaway-draw"
      queue     = "giveaway-draw"
      secrets   = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "UPSTASH_BOOK_SHARDS", "TOKEN_SEAL_KEYS", "LOG_ID_KEY", "ID_HASH_KEY"]
      schedules = ["giveaway-draw", "chat-replies"]
    }
    groupbuyClose = {
      kind      = "task"
      route     = "/tasks/groupbuy-close"
      queue     = "groupbuy-close"
      secrets   = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "STRIPE_SECRET_KEY", "LOG_ID_KEY"]
      schedules = ["groupbuy-close", "checkout-expiry", "commission-late"]
    }
    groupbuyMilestone = {
      kind      = "task"
      route     = "/tasks/groupbuy-milestone"
      queue     = "groupbuy-milestone"
      secrets   = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "STRIPE_SECRET_KEY", "LOG_ID_KEY"]
      schedules = ["groupbuy-milestone"]
    }
    giveawayPage = {
      kind      = "http"
      route     = "/giveaway"
      subpaths  = true
      public    = true
      secrets   = ["LOG_ID_KEY"]
      schedules = []
    }
    labelWave = {
      kind      = "task"
      route     = "/tasks/label-wave"
      queue     = "label-wave"
      secrets   = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "EASYPOST_API_KEY", "LOG_ID_KEY"]
      schedules = ["label-wave"]
    }
    orderSweep = {
      kind          = "scheduled"
      route         = "/jobs/order-sweep"
      every_minutes = 30
      secrets       = ["LOG_ID_KEY"]
      schedules     = []
    }
    reconcileLedger = {
      kind          = "scheduled"
      route         = "/jobs/reconcile-ledger"
      every_minutes = 1440
      secrets       = ["STRIPE_SECRET_KEY", "LOG_ID_KEY"]
      schedules     = []
    }
    retentionSweep = {
      kind          = "scheduled"
      route         = "/jobs/retention-sweep"
      every_minutes = 60
      secrets       = ["LOG_ID_KEY"]
      schedules     = []
    }
    syntheticProbe = {
      kind          = "scheduled"
      route         = "/jobs/synthetic-probe"
      every_minutes = 5
      secrets       = ["PROBE_PRIVATE_KEY", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "UPSTASH_BOOK_SHARDS", "ID_HASH_KEY", "DISCORD_BOT_TOKEN", "LOG_ID_KEY"]
      schedules     = []
    }
  }

  topics = {
    "discord-commands" = {
      dead_letter_topic     = "discord-commands-dead-letter"
      max_delivery_attempts = 5
    }
    "stripe-commands" = {
      dead_letter_topic     = "stripe-commands-dead-letter"
      max_delivery_attempts = 5
    }
    "live-commands" = {
      dead_letter_topic     = "live-commands-dead-letter"
      max_delivery_attempts = 5
    }
    "stripe-events" = {
      dead_letter_topic     = "stripe-events-dead-letter"
      max_delivery_attempts = 10
    }
    "twitch-events" = {
      dead_letter_topic     = "twitch-events-dead-letter"
      max_delivery_attempts = 10
    }
    "auction-commands" = {
      dead_letter_topic     = "auction-commands-dead-letter"
      max_delivery_attempts = 5
    }
    "auction-bids" = {
      dead_letter_topic     = "auction-bids-dead-letter"
      max_delivery_attempts = 5
    }
    "show-commands" = {
      dead_letter_topic     = "show-commands-dead-letter"
      max_delivery_attempts = 5
    }
    "race-commands" = {
      dead_letter_topic     = "race-commands-dead-letter"
      max_delivery_attempts = 5
    }
    "shop-events" = {
      dead_letter_topic     = "shop-events-dead-letter"
      max_delivery_attempts = 10
    }
    "carrier-events" = {
      dead_letter_topic     = "carrier-events-dead-letter"
      max_delivery_attempts = 10
    }
    "chat-bids" = {
      dead_letter_topic     = "chat-bids-dead-letter"
      max_delivery_attempts = 5
    }
  }

  queues = {
    "auction-close" = {
      max_attempts = 150
    }
    "auction-embed" = {
      max_attempts = 5
    }
    "chat-replies" = {
      max_attempts = 10
    }
    "checkout-expiry" = {
      max_attempts = 10
    }
    "show-next" = {
      max_attempts = 20
    }
    "show-sheet" = {
      max_attempts = 5
    }
    "commission-late" = {
      max_attempts = 10
    }
    "race-close" = {
      max_attempts = 10
    }
    "race-message" = {
      max_attempts = 5
    }
    "proof-vod" = {
      max_attempts = 10
    }
    "dispute-evidence" = {
      max_attempts = 20
    }
    "giveaway-draw" = {
      max_attempts = 20
    }
    "groupbuy-close" = {
      max_attempts = 150
    }
    "groupbuy-milestone" = {
      max_attempts = 150
    }
    "label-wave" = {
      max_attempts = 50
    }
  }

  # How far apart a queue's retries are: terraform's concern, not the registry's (which holds
  # only the attempts). A queue not named here retries as queue_backoff_default says.
  # max_retry_duration "0s": no time limit, max_attempts alone ends the retries.
  queue_backoff_default = { min_backoff = "1s", max_backoff = "60s", max_doublings = 4, max_retry_duration = "0s" }

  queue_backoff = {
    # The hammer: a task that gives up leaves an auction frozen in the book with no result in
    # the store, and its name stays taken for about an hour. Retry for 12 hours (1 s, 2 s, ...
    # 256 s, then every 5 minutes; Cloud Tasks stops once both the duration and the registry's
    # 150 attempts are spent), which outlasts the outages Firestore, Stripe, Discord and Upstash
    # have had; the auction sweep (every 5 minutes) settles whatever still slips through. The
    # first retry still comes after 1 s, so a hammer that arrived a moment early (a 503) drops at once.
    "auction-close" = { min_backoff = "1s", max_backoff = "300s", max_doublings = 9, max_retry_duration = "43200s" }
    # A trailing embed edit is worth making within seconds or not at all (the next bid edits
    # again); an early one (TaskNotDueYet) needs about a second: 1 s, 2 s, 4 s, 5 s.
    "auction-embed" = { min_backoff = "1s", max_backoff = "5s", max_doublings = 2 }
    # A chat message waiting for the channel's budget is scheduled for when it allows; a
    # failing send tries again within seconds, never in a tight loop.
    "chat-replies" = { min_backoff = "1s", max_backoff = "10s", max_doublings = 3 }
    # A show's next lot: an early one (TaskNotDueYet) needs about a second; a failing one keeps
    # trying for a few minutes, and the host's Next lot starts it meanwhile.
    "show-next" = { min_backoff = "1s", max_backoff = "30s", max_doublings = 4 }
    # The run sheet's edit, like the embed's: the next change schedules its own.
    "show-sheet" = { min_backoff = "1s", max_backoff = "5s", max_doublings = 2 }
    # The lobby message's edit, likewise: the next change schedules its own.
    "race-message" = { min_backoff = "1s", max_backoff = "5s", max_doublings = 2 }
    # A VOD search that failed on our side (the store, Discord) tries again within a minute or
    # two; an early one (TaskNotDueYet) needs seconds. Its own next look is a task of its own.
    "proof-vod" = { min_backoff = "5s", max_backoff = "120s", max_doublings = 4 }
    # A draw or a deadline a moment early (TaskNotDueYet) needs about a second; a failing one keeps trying for minutes.
    "giveaway-draw" = { min_backoff = "1s", max_backoff = "30s", max_doublings = 4 }
    # A group buy's close and its batches of charges, retried for 12 hours as the hammer is: each
    # run finds its own work done (the pledges are the cursor) and goes on; a killed instance's
    # batch is run again within a second or two.
    "groupbuy-close" = { min_backoff = "1s", max_backoff = "300s", max_doublings = 9, max_retry_duration = "43200s" }
    # A group buy's milestone reaching its orders, retried for 12 hours as the close is: each run
    # finds each order's proof its own and sends no tranche twice; a killed batch runs again within seconds.
    "groupbuy-milestone" = { min_backoff = "1s", max_backoff = "300s", max_doublings = 9, max_retry_duration = "43200s" }
  }

  # Which function publishes to which topic (the registry's `publishes`). Publisher rights
  # are granted from this, per topic, so an ingress cannot publish where it has no business.
  publishes = {
    discordInteractions = ["discord-commands", "stripe-commands", "live-commands", "auction-commands", "auction-bids", "race-commands", "show-commands"]
    stripeWebhook       = ["stripe-events"]
    twitchWebhook       = ["twitch-events", "chat-bids"]
    kofiWebhook         = ["shop-events"]
    shopifyWebhook      = ["shop-events"]
    carrierWebhook      = ["carrier-events"]
  }

  # HTTP functions that serve a person from the store instead of publishing: the Twitch OAuth
  # callbacks write the link (or the chat bidding consent) they just verified, the chatter
  # sign-in records the chatter, the checkout success page and a chat winner's pay page read
  # one order, the auction overlay reads a closed auction's result (a live one comes from
  # Redis). The dashboard keeps its sessions and records a host cut paid by hand; its callback
  # starts sessions. The registry has no field for store access yet; keep these in step with the functions' code.
  http_store_writers = ["twitchOauthCallback", "twitchChatCallback", "chatBidderSignIn", "dashboard", "discordOauthCallback", "chatterPrivacy", "sealedBid"]
  # The Stripe API version both webhook endpoints are created with: Stripe shapes each event
  # by its endpoint's version, and the code reads the shapes of the version it pins
  # (shared/adapters/stripe/api-version.ts; test/unit/adapters/stripe/stripe-api-version holds the two equal).
  stripe_api_version = "2026-10-28.endive"
  # The events the platform's Stripe webhook endpoint subscribes (the Connect endpoint takes
  # the connected accounts' events). test/unit/terraform-stripe-events holds it to what the ingress keeps.
  stripe_webhook_events = [
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.async_payment_failed",
    "checkout.session.expired",
    "payment_intent.succeeded",
    "charge.refunded",
    "charge.refund.updated",
    "charge.dispute.created",
    "charge.dispute.updated",
    "charge.dispute.closed",
    "charge.dispute.funds_withdrawn",
    "charge.dispute.funds_reinstated",
    "radar.early_fraud_warning.created",
    "radar.early_fraud_warning.updated",
    # The platform's own payouts to its bank, recorded in the journal (a failed one returns its money).
    "payout.created",
    "payout.paid",
    "payout.failed",
  ]
  # Events about the builders' connected accounts (`event.account` names the account).
  stripe_connect_webhook_events = ["account.updated", "account.application.deauthorized", "payout.failed"]

  http_store_readers = ["checkoutOrder", "auctionOverlay", "potOverlay", "showOverlay", "chatPay", "queuePage", "giveawayPage", "groupbuyPage"]

  # The public Ko-fi and Shopify ingresses check a delivery against the secret the guild
  # connected. Those secrets live in a Firestore database of their own (shop-secrets); these
  # two may read that database and no other, with one REST read and no Firestore SDK.
  shop_secret_readers = ["kofiWebhook", "shopifyWebhook"]
  # `/race connect` writes them (the worker's project-wide store rights would reach every
  # database; this grant names the one it needs, so a narrower worker role keeps working).
  shop_secret_writers = ["raceCommands"]

  # Workers that get no store rights: a bid is decided by one Lua script on Redis and never
  # touches Firestore, and the trailing embed edit reads the book. Keeping them off the store
  # keeps the hot path there. The synthetic probe reads the book alone. Keep in step with the
  # functions' code, like the lists above.
  workers_off_store = ["auctionBids", "auctionEmbed", "chatReplies", "syntheticProbe"]

  # Where each secret's value comes from: `terraform output secrets_to_set` lists them, and a
  # test holds this map to the registry's secrets.
  secret_sources = {
    DISCORD_PUBLIC_KEY            = "Discord developer portal > your application > General Information > Public Key"
    DISCORD_APPLICATION_ID        = "Discord developer portal > your application > General Information > Application ID"
    DISCORD_BOT_TOKEN             = "Discord developer portal > your application > Bot > Reset Token"
    STRIPE_SECRET_KEY             = "Stripe dashboard > Developers > API keys > Secret key (sk_live_... or sk_test_...)"
    STRIPE_WEBHOOK_SECRET         = "Stripe dashboard > Developers > Webhooks > the endpoint at terraform output stripe_webhook_url > Signing secret (whsec_...); until it exists, any placeholder such as whsec_pending"
    STRIPE_CONNECT_WEBHOOK_SECRET = "Stripe dashboard > Developers > Webhooks > a second endpoint at the same stripe_webhook_url, made with 'Listen to events on Connected accounts' (account.updated) > Signing secret (whsec_...); until it exists, any placeholder such as whsec_pending"
    TWITCH_CLIENT_ID              = "dev.twitch.tv console > Applications > your application > Client ID"
    TWITCH_CLIENT_SECRET          = "dev.twitch.tv console > Applications > your application > New Secret"
    TWITCH_EVENTSUB_SECRET        = "make one: openssl rand -hex 32 (10 to 100 characters; Twitch signs EventSub deliveries with it)"
    OAUTH_STATE_KEY               = "make one: openssl rand -hex 32 (signs the Twitch OAuth state; at least 32 characters)"
    SHOPIFY_WEBHOOK_SECRET        = "Shopify admin > Settings > Notifications > Webhooks > the signing secret; without Shopify, a random value: openssl rand -hex 32"
    KOFI_VERIFICATION_TOKEN       = "Ko-fi > Settings > API > Webhooks > Verification Token; without Ko-fi, a random value: openssl rand -hex 32"
    UPSTASH_REDIS_REST_URL        = "Upstash console > your Redis database > REST API > UPSTASH_REDIS_REST_URL"
    UPSTASH_REDIS_REST_TOKEN      = "Upstash console > your Redis database > REST API > UPSTASH_REDIS_REST_TOKEN"
    UPSTASH_BOOK_SHARDS           = "the auction book's further Upstash databases, each made in the Upstash console like the first: [{\"url\":\"https://...upstash.io\",\"token\":\"...\"}] in the order they were added (append, never reorder; docs/capacity.md says how many a show needs); with one database, []"
    DISCORD_CLIENT_SECRET         = "Discord developer portal > your application > OAuth2 > Client Secret (Reset Secret); add terraform output discord_oauth_redirect_url under OAuth2 > Redirects"
    DASHBOARD_SESSION_KEY         = "make one: openssl rand -hex 32 (signs the dashboard's session cookie, sign-in state and CSRF tokens; at least 32 characters)"
    TOKEN_SEAL_KEYS               = "make one: printf 'k1=%s' \"$(openssl rand -hex 32)\" (seals the tokens kept for a person; to rotate, put a new id=key first and keep the old one after a comma until every session sealed with it has ended)"
    LOG_ID_KEY                    = "make one: openssl rand -hex 32 (keys the hashes log lines carry in place of people's ids; at least 32 characters)"
    ID_HASH_KEY                   = "make one: openssl rand -hex 32 (keys the hash under which Redis keeps people's ids in the auction book's ban, trust and block lists; at least 32 characters; rotating it loses those lists in Redis)"
    PROBE_PRIVATE_KEY             = "make the probe's key pair (docs/operations/probe.md): openssl genpkey -algorithm ed25519 -outform DER | xxd -p -c 256 (PKCS#8 DER in hex; only syntheticProbe reads it)"
    PROBE_PUBLIC_KEY              = "the public half of PROBE_PRIVATE_KEY: echo \"$PROBE_PRIVATE_KEY\" | xxd -r -p | openssl pkey -inform DER -pubout -outform DER | tail -c 32 | xxd -p -c 64"
    EASYPOST_API_KEY              = "EasyPost dashboard > Account Settings > API Keys > Production API Key (EZAK...; a test key EZTK... buys test labels only)"
    EASYPOST_WEBHOOK_SECRET       = "EasyPost dashboard > Account Settings > Webhooks > Add Webhook at terraform output carrier_webhook_url, with a Webhook Secret you make: openssl rand -hex 32 (the same value here)"
    TWITCH_BOT_REFRESH_TOKEN      = "the refresh token of the bot account's authorization with clips:edit (docs/operations/app-setup.md, the bot account); until you have one, the placeholder none (proofs then fall back to VODs)"
  }
}

# Derived views. Attributes a kind does not have are read with try(), because the entries
# of local.functions are objects of different shapes.
locals {
  # Google's runtime for every function; package.json's engines and the Node that `npm test`
  # runs on (the `node` dev dependency) have the same major, held together by a test.
  node_runtime = "nodejs24"

  # discordInteractions -> discord-interactions, as deployedName() does in the registry.
  deployed_names = { for name, fn in local.functions : name => lower(replace(name, "/([A-Z])/", "-$1")) }

  public_functions = { for name, fn in local.functions : name => fn if fn.kind == "http" && try(fn.public, false) }
  pubsub_functions = { for name, fn in local.functions : name => fn if fn.kind == "pubsub" }
  task_functions   = { for name, fn in local.functions : name => fn if fn.kind == "task" }
  # Cloud Scheduler calls these with the tasks invoker's OIDC token, as Cloud Tasks calls task functions.
  scheduled_functions = { for name, fn in local.functions : name => fn if fn.kind == "scheduled" }

  # The first apply (deploy_functions = false) makes everything a function needs, its secrets
  # among them, and no function: Cloud Run refuses a function whose secret has no version
  # yet. What needs a running function waits for the second apply.
  deployed_functions           = var.deploy_functions ? local.functions : {}
  deployed_public_functions    = var.deploy_functions ? local.public_functions : {}
  deployed_pubsub_functions    = var.deploy_functions ? local.pubsub_functions : {}
  deployed_task_functions      = var.deploy_functions ? local.task_functions : {}
  deployed_scheduled_functions = var.deploy_functions ? local.scheduled_functions : {}

  # Functions that do the work behind the ingresses; but for local.workers_off_store they
  # touch the store.
  worker_functions = { for name, fn in local.functions : name => fn if fn.kind == "pubsub" || fn.kind == "task" || fn.kind == "scheduled" }

  # Firestore rights: the workers (but for local.workers_off_store) and the HTTP functions that
  # write for a person read and write; the ones that only show a person something read. The
  # signed ingresses get neither (the shop ingresses read the shop secrets' database alone).
  store_writers = setunion(setsubtract(keys(local.worker_functions), local.workers_off_store), local.http_store_writers)
  store_readers = toset(local.http_store_readers)

  dead_letter_topics = { for name, topic in local.topics : topic.dead_letter_topic => merge(topic, { source_topic = name }) }

  # Every secret any function reads; one Secret Manager secret each.
  secret_names = toset(flatten([for name, fn in local.functions : fn.secrets]))
  secret_ids   = { for secret in local.secret_names : secret => lower(replace(secret, "_", "-")) }

  function_secrets = {
    for pair in flatten([for name, fn in local.functions : [for secret in fn.secrets : { function = name, secret = secret }]]) :
    "${pair.function}/${pair.secret}" => pair
  }

  function_publishes = {
    for pair in flatten([for name, topics in local.publishes : [for topic in topics : { function = name, topic = topic }]]) :
    "${pair.function}/${pair.topic}" => pair
  }

  # Queue rights from the registry's `schedules` and `cancels`: a function may put tasks only
  # on the queues it schedules on, and take them back only where it cancels.
  function_schedules = {
    for pair in flatten([for name, fn in local.functions : [for queue in fn.schedules : { function = name, queue = queue }]]) :
    "${pair.function}/${pair.queue}" => pair
  }
  function_cancels = {
    for pair in flatten([for name, fn in local.functions : [for queue in try(fn.cancels, []) : { function = name, queue = queue }]]) :
    "${pair.function}/${pair.queue}" => pair
  }
  # Creating a task with an OIDC token for the tasks invoker means acting as it: only those that schedule.
  task_schedulers = { for name, fn in local.functions : name => fn if length(fn.schedules) > 0 }

  queue_retry = { for name, queue in local.queues : name => merge(local.queue_backoff_default, try(local.queue_backoff[name], {})) }

  # Discord's 3 s deadline bounds the ingress; a subscriber may use the whole push ack deadline.
  timeout_seconds = {
    http   = 30
    pubsub = 60
    task   = 120
    # A sweep may settle several auctions, each a hammer's work.
    scheduled = 540
  }

  # One instance serves many light ingress requests; subscribers use the registry's number.
  http_concurrency = 80

  tasks_base_url = coalesce(var.tasks_base_url, "https://{function}-${data.google_project.this.number}.${var.region}.run.app")

  runtime_env = {
    C500_RUNTIME          = "gcp"
    GOOGLE_CLOUD_PROJECT  = var.project_id
    C500_PUBLIC_BASE_URL  = var.public_base_url
    C500_TASKS_BASE_URL   = local.tasks_base_url
    C500_TASKS_INVOKER_SA = google_service_account.tasks_invoker.email
    C500_REGION           = var.region
    C500_REDIS_KEY_PREFIX = var.redis_key_prefix
    # Who answers for the data, as the privacy page names them (required: no default).
    C500_CONTROLLER_NAME    = var.controller_name
    C500_PRIVACY_CONTACT    = var.privacy_contact
    C500_CONTROLLER_ADDRESS = var.controller_address
    C500_EU_REPRESENTATIVE  = var.eu_representative
    # Marketplace and auction settings (shared/config/index.ts): environment variables are strings.
    # test/unit/terraform-mirrors-config fails when config reads one that is not set here.
    C500_PLATFORM_FEE_BPS    = tostring(var.platform_fee_bps)
    C500_CHECKOUT_MINUTES    = tostring(var.checkout_minutes)
    C500_CURRENCY            = var.currency
    C500_PLATFORM_COUNTRY    = var.platform_country
    C500_AUCTION_PAY_MINUTES = tostring(var.auction_pay_minutes)
    C500_SECOND_CHANCE_DEPTH = tostring(var.second_chance_depth)
    C500_STRIKES_TO_BAN      = tostring(var.strikes_to_ban)
    C500_COUNTER_BID_SECONDS = tostring(var.counter_bid_seconds)
    C500_AUCTION_SETTLE_MS   = tostring(var.auction_settle_ms)
    C500_BID_GATHER_MS       = tostring(var.bid_gather_ms)
    # The Twitch bot: empty until the operator sets it up (chat bidding is then unavailable).
    C500_TWITCH_BOT_USER_ID   = var.twitch_bot_user_id
    C500_TWITCH_BOT_MODERATOR = tostring(var.twitch_bot_moderator)
    # The web dashboard's session length and how often admin rights are asked of Discord again.
    C500_DASHBOARD_SESSION_MINUTES = tostring(var.dashboard_session_minutes)
    C500_DASHBOARD_RECHECK_MINUTES = tostring(var.dashboard_recheck_minutes)
    # After /c500 ship: when an unconfirmed order counts as received, and how long its address is kept.
    C500_DELIVERY_DAYS = tostring(var.delivery_days)
    C500_ADDRESS_DAYS  = tostring(var.address_days)
    # The share of traces whose spans go to Cloud Trace (shared/telemetry).
    C500_TRACE_SAMPLE_RATIO = tostring(var.trace_sample_ratio)
  }
}
