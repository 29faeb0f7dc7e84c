# aula.yaml, the site's configuration.
config-missing = no aula.yaml in { $folder }: run aula in a site folder, pass --root DIR, or create a site with `aula init`
config-missing-title = missing `title`: add a line such as `title: Name of the site`
config-language = unsupported language `{ $code }`: use `es` or `en`
config-base-url = invalid `base_url` `{ $url }`: write an absolute URL such as `https://example.org/curso/`
config-base-url-scheme = invalid `base_url` `{ $url }`: use an http:// or https:// URL
config-reading-speed-zero = `reading_speed` must be more than 0 words per minute, such as `reading_speed: 200`
config-ignore-pattern = invalid `ignore:` pattern `{ $pattern }`: write gitignore patterns such as `README.md`, `/data/` or `!keep.md`
place-config-front-matter = `front_matter:` of aula.yaml
