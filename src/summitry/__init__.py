"""summitry."""
