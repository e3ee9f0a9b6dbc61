"""The law-dissemination FAQ: curated entries, Vietnamese-aware matching, live versions."""
