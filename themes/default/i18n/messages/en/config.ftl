# aula.yaml, the site's configuration.
config-missing = no aula.yaml in { $folder }: run aula in a site folder, pass --root DIR, or create a site with `aula init`
