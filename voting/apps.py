from django.apps import AppConfig


class VotingConfig(AppConfig):
    name = "voting"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ideas.coauthors import on_coauthor_accepted
        from voting.services import vote_drop_for_co_author

        # A co-author may not vote for the idea: the vote cast before accepting is withdrawn.
        on_coauthor_accepted(vote_drop_for_co_author)

        from ideas.merge import on_idea_merged
        from voting.merge import votes_move

        # A merge moves the duplicate's votes to the original, each person's once.
        on_idea_merged(votes_move)

        from voting import notification_kinds

        notification_kinds.register()
