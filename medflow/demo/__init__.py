"""Demo loaders and their data for `medflow demo`; the product never imports this package."""
