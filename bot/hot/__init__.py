"""Hot issues (nắm tình hình nhân dân): similar reports grouped, followed and merged."""
