import { http, request, download } from './http.js'
import { upload } from './upload.js'

// Entrepreneurship competitions 创业大赛 (docs/api.md "Competitions").
export const listCompetitions = () => http.get('/competitions')
export const getCompetition = (id) => http.get(`/competitions/${id}`)
export const createCompetition = (body) => http.post('/competitions', body)
export const updateCompetition = (id, body) => http.put(`/competitions/${id}`, body)
export const advancePhase = (id, phase) => http.post(`/competitions/${id}/phase`, { phase })

export const listExperts = () => http.get('/competition-experts')
export const saveExpert = (userId, body) => http.put(`/competition-experts/${userId}`, body)
export const declareRelations = (relations) => http.put('/competition-experts/me/relations', { relations })

/** query: { status, group, q, roadshow, sort, page, page_size } */
export const listEntries = (id, query) => http.get(`/competitions/${id}/entries`, query)
export const registerEntry = (id, body) => http.post(`/competitions/${id}/entries`, body)
export const getEntry = (id) => http.get(`/competition-entries/${id}`)
export const updateEntry = (id, body) => http.put(`/competition-entries/${id}`, body)
export const reviewEntry = (id, decision, reason) => http.post(`/competition-entries/${id}/review`, { decision, reason })
export const deleteFile = (entryId, fileId) => http.del(`/competition-entries/${entryId}/files/${fileId}`)
export const downloadFile = (entryId, file) => download(`/competition-entries/${entryId}/files/${file.id}`, undefined, file.filename)

/** Uploads one attachment as the raw body (the server checks its magic bytes). */
export const uploadFile = (entryId, file, kind = 'plan') => upload(`/competition-entries/${entryId}/files`, file, { query: { kind } })

export const autoAssign = (id, stage) => http.post(`/competitions/${id}/assignments/auto`, { stage })
export const assignExpert = (id, stage, entryId, expertUserId) =>
  http.post(`/competitions/${id}/assignments`, { stage, entry_id: entryId, expert_user_id: expertUserId })
export const listAssignments = (id, stage) => http.get(`/competitions/${id}/assignments`, { stage })
export const myAssignments = () => http.get('/my/competition-assignments')
export const myAssignment = (id) => http.get(`/my/competition-assignments/${id}`)
export const saveScores = (id, scores) => http.put(`/my/competition-assignments/${id}/scores`, { scores })

export const getResults = (id, stage) => http.get(`/competitions/${id}/results`, { stage })
export const selectRoadshow = (id) => http.post(`/competitions/${id}/roadshow`)
export const makeAwards = (id) => http.post(`/competitions/${id}/awards`)
export const publish = (id) => http.post(`/competitions/${id}/publish`)
export const exportScores = (id) => download(`/competitions/${id}/scores.xlsx`, undefined, 'scores.xlsx')
export const exportRankings = (id) => download(`/competitions/${id}/rankings.xlsx`, undefined, 'rankings.xlsx')

export const publicCompetitions = () => request('GET', '/public/competitions')
export const publicResults = (id) => request('GET', `/public/competitions/${id}`)
