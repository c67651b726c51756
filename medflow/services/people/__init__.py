"""People and their access: accounts and log-in (`users`), API tokens (`tokens`), and the people of
an organisation file or a people CSV written into the database (`org_people`, `people_import`)."""
