"""Signal receivers for membership changes; connected in MembersConfig.ready()."""
