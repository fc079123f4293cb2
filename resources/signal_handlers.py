"""Signal receivers for the resource library; connected in ResourcesConfig.ready()."""
