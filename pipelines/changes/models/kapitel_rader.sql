-- kapitel_rader: the rows of the chapter's tables and the changed source lists, in the chapter's order.
SELECT * FROM {{ source('stg_kapitel_rader') }}
