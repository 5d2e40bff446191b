import { dictionary, loadDictionary } from '@/utils/dicts'

/** Dictionaries of the party-education pages, loaded once (utils/dicts). */
export const peDicts = dictionary('partyedu')
export const loadPeDicts = () => loadDictionary('partyedu')
export const thisYear = new Date().getFullYear()
export const years = Array.from({ length: 6 }, (_, i) => thisYear - i)
