"""Case updates for subscribers: subscribing, confirming, unsubscribing, feeds."""
