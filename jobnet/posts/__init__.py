"""The four kinds of posts: settlements, occupations/programmes, target-group projects, job fairs."""
